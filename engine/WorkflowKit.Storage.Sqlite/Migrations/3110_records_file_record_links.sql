-- Links from files to the records whose data names them, written in the record write's transaction, so
-- that readers of a record imported or written through the API can download its files. A file that any
-- link ever named is marked linked and the sweep keeps it, even if the holder later drops the file.
CREATE TABLE wk_file_record_links (
    file_id TEXT NOT NULL REFERENCES wk_files (id) ON DELETE CASCADE,
    form_key TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    PRIMARY KEY (file_id, form_key, record_id)
);

CREATE INDEX ix_wk_file_record_links_record ON wk_file_record_links (form_key, record_id);

ALTER TABLE wk_files ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;

UPDATE wk_files SET linked = 1 WHERE EXISTS (SELECT 1 FROM wk_file_links l WHERE l.file_id = wk_files.id);
