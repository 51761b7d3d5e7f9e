-- Casenotes vault, schema version 5: the records store (storage/records_store.py).
-- Both databases share one schema. The casework database (casenotes.vault) leaves these two
-- tables empty; the records store (records.vault) is a copy of the approved notes only,
-- published from it, whose key a team lead's slot also holds.

-- What this database is: ('role', 'records') and ('store_id', a random id) in the records
-- store, so a records store is never taken for the casework database, and the entries it
-- sends back (a team lead's exports) are taken in once each, by store and number.
CREATE TABLE store_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- What the records store cannot work out for itself, because the AI's drafts stay in the
-- casework database: how much of each approved note the practitioner changed from its
-- draft, and which model wrote that draft. Written when the note is published.
CREATE TABLE published_notes (
    note_id      INTEGER PRIMARY KEY REFERENCES notes(id),
    edited_share REAL,
    model        TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL
);
