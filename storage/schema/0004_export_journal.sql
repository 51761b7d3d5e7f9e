-- Casenotes vault, schema version 4: export batches in progress, so a killed one is cleaned up.
-- A batch is entered here before its first file is written, with every file it will write,
-- and leaves in the transaction that logs it as exported (or once a failed or cancelled batch
-- has removed its own files). A row still here when the vault is next unlocked is a batch that
-- was killed part-way: its hidden .partial files, and any file it had renamed into place but
-- never logged (checked by SHA-256), are removed then (app/casework.py), and that is audited.
-- File names carry case references, so this list lives here, encrypted, not in a side file.

CREATE TABLE export_batches (
    id          INTEGER PRIMARY KEY,
    folder      TEXT NOT NULL,
    files_json  TEXT NOT NULL,   -- [{"partial": path, "final": path, "sha256": hex or null}]
    started_at  TEXT NOT NULL
);
