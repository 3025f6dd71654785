-- Progress of the one-time pass that links the files that data written before migration 3110 names, as in
-- SQLite migration 3120.
CREATE TABLE wk_file_link_backfill (
    source TEXT PRIMARY KEY,
    last_key TEXT NULL,
    finished BOOLEAN NOT NULL DEFAULT FALSE
);

INSERT INTO wk_file_link_backfill (source) VALUES ('records'), ('record_audit'), ('instances'), ('instance_audit');
