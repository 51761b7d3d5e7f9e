-- Casenotes vault, schema version 1. Applied inside one transaction by storage/migrations.py.
-- Times are UTC ISO 8601 text. Rules that protect the record live here, not only in the UI.

CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('practitioner', 'team-lead')),
    created_at  TEXT NOT NULL
);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    person      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE visits (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    practitioner_id INTEGER NOT NULL REFERENCES profiles(id),
    template        TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'new' CHECK (state IN
                    ('new', 'recording', 'recorded', 'transcribed', 'drafted', 'approved',
                     'exported')),
    consent_by      TEXT NOT NULL,   -- who gave consent: the person, or their representative
    consent_how     TEXT NOT NULL,   -- verbal, written
    consent_at      TEXT NOT NULL,
    consent_note    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX visits_case ON visits(case_id);

-- One visit may have several recordings (an import, or a recording resumed on another mic).
-- finished_at stays NULL until the recording is stopped: a NULL after a crash means "recover".
CREATE TABLE recordings (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits(id),
    source      TEXT NOT NULL CHECK (source IN ('microphone', 'import')),
    filename    TEXT,            -- the imported file's name, for the record
    codec       TEXT NOT NULL,   -- 'flac' chunks (microphone) or 'original' (imported bytes)
    sample_rate INTEGER,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    deleted_at  TEXT             -- set when retention removed the audio
);

-- Audio lives only here, in chunks of a few seconds (or ~1 MB of an imported file), each
-- committed as it arrives, so a crash loses at most the chunk being written.
CREATE TABLE audio_chunks (
    recording_id INTEGER NOT NULL REFERENCES recordings(id),
    seq          INTEGER NOT NULL,
    seconds      REAL,
    data         BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (recording_id, seq)
);

CREATE TABLE transcripts (
    id            INTEGER PRIMARY KEY,
    visit_id      INTEGER NOT NULL REFERENCES visits(id),
    recording_id  INTEGER REFERENCES recordings(id),
    model         TEXT NOT NULL,
    language      TEXT NOT NULL,
    duration      REAL NOT NULL,
    settings_json TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    deleted_at    TEXT           -- set when retention removed the segments
);

CREATE TABLE segments (
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    idx           INTEGER NOT NULL,
    start         REAL NOT NULL,
    end           REAL NOT NULL,
    text          TEXT NOT NULL,
    speaker       TEXT,
    words_json    TEXT,
    original_text TEXT,          -- Whisper's words, kept when a person edits the text
    edited_at     TEXT,
    PRIMARY KEY (transcript_id, idx)
);

-- The AI's output exactly as produced, with the model and settings: never edited.
CREATE TABLE drafts (
    id            INTEGER PRIMARY KEY,
    visit_id      INTEGER NOT NULL REFERENCES visits(id),
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    template      TEXT NOT NULL,
    model         TEXT NOT NULL,
    settings_json TEXT NOT NULL DEFAULT '{}',
    content_json  TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE TRIGGER drafts_are_permanent BEFORE UPDATE ON drafts
BEGIN SELECT RAISE(ABORT, 'a draft is the AI output as produced and is never edited'); END;

-- The practitioner's note. Version 1 starts from a draft; an amendment is a new version
-- linked to the one it amends. Once approved a version can be neither changed nor deleted.
CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    visit_id     INTEGER NOT NULL REFERENCES visits(id),
    version      INTEGER NOT NULL,
    previous_id  INTEGER REFERENCES notes(id),
    draft_id     INTEGER REFERENCES drafts(id),
    content_json TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    amend_reason TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (visit_id, version)
);
CREATE TRIGGER approved_notes_are_read_only BEFORE UPDATE ON notes
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved note cannot be changed: amend it to make a new version'); END;
CREATE TRIGGER approved_notes_are_kept BEFORE DELETE ON notes
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved note cannot be deleted'); END;

CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY,
    note_id      INTEGER NOT NULL UNIQUE REFERENCES notes(id),
    approved_by  INTEGER NOT NULL REFERENCES profiles(id),
    attestation  TEXT NOT NULL,
    approved_at  TEXT NOT NULL,
    content_hash TEXT NOT NULL   -- SHA-256 of the approved content_json
);
CREATE TRIGGER approvals_are_permanent BEFORE UPDATE ON approvals
BEGIN SELECT RAISE(ABORT, 'an approval cannot be changed'); END;
CREATE TRIGGER approvals_are_kept BEFORE DELETE ON approvals
BEGIN SELECT RAISE(ABORT, 'an approval cannot be deleted'); END;

CREATE TABLE exports (
    id           INTEGER PRIMARY KEY,
    note_id      INTEGER NOT NULL REFERENCES notes(id),
    format       TEXT NOT NULL,
    destination  TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    exported_by  INTEGER NOT NULL REFERENCES profiles(id),
    exported_at  TEXT NOT NULL
);

-- Append-only and hash-chained: hash = SHA-256(prev_hash + canonical JSON of the entry).
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    INTEGER,
    details_json TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;

CREATE TABLE policy (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO policy (key, value) VALUES
    ('retention.audio_days_after_approval', '30'),
    ('retention.transcript_days_after_export', '30');

-- Full-text search, kept in step by storage/records/ inside the same transactions.
CREATE VIRTUAL TABLE visit_search USING fts5(reference, person, tokenize = 'unicode61');
CREATE VIRTUAL TABLE note_search USING fts5(text, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE segment_search USING fts5(text, tokenize = 'porter unicode61');
