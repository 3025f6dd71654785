-- Links from files to the records whose data names them, as in SQLite migration 3110. The linked flag is
-- set in the transaction that writes a link. A sweep's DELETE that waits on that row lock then rereads the
-- flag on the new row version and keeps the file. Its NOT EXISTS subquery would still use the older
-- snapshot and delete it.
CREATE TABLE wk_file_record_links (
    file_id TEXT NOT NULL REFERENCES wk_files (id) ON DELETE CASCADE,
    form_key TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (file_id, form_key, record_id)
);

CREATE INDEX ix_wk_file_record_links_record ON wk_file_record_links (form_key, record_id);

ALTER TABLE wk_files ADD COLUMN linked BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE wk_files SET linked = TRUE WHERE EXISTS (SELECT 1 FROM wk_file_links l WHERE l.file_id = wk_files.id);
