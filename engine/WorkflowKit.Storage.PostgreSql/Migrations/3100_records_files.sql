-- Uploaded files of attachment, image and signature fields on PostgreSQL: the tables of SQLite
-- migration 3100 with TIMESTAMPTZ times and BYTEA content. Form data holds references
-- {id, name, size, contentType} to these rows.
CREATE TABLE wk_files (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL,
    content BYTEA NOT NULL CHECK (octet_length(content) = size)
);

CREATE INDEX ix_wk_files_uploaded ON wk_files (uploaded_at);

CREATE TABLE wk_file_links (
    file_id TEXT NOT NULL REFERENCES wk_files (id) ON DELETE CASCADE,
    instance_id TEXT NOT NULL,
    PRIMARY KEY (file_id, instance_id)
);

CREATE INDEX ix_wk_file_links_instance ON wk_file_links (instance_id);
