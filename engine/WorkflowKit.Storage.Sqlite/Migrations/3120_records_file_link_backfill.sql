-- Progress of the one-time pass that links the files that data written before migration 3110 names: records
-- and their audit snapshots, instance forms and variables, and the form data of instance audit rows. Migration
-- 3110 marked only files with an instance link, so files that only such data named were left for the sweep.
-- FileLinkBackfill runs the pass in batches and stores here, per source, the last key it finished.
CREATE TABLE wk_file_link_backfill (
    source TEXT PRIMARY KEY,
    last_key TEXT NULL,
    finished INTEGER NOT NULL DEFAULT 0
);

INSERT INTO wk_file_link_backfill (source) VALUES ('records'), ('record_audit'), ('instances'), ('instance_audit');
