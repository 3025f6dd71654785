-- Uploaded files of attachment, image and signature fields, with their content. Form data holds
-- references {id, name, size, contentType} to these rows. Times are UTC ISO 8601 text with seven
-- decimals, which sorts as it reads; sha256 is 64 lowercase hex digits.
CREATE TABLE wk_files (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    content BLOB NOT NULL CHECK (length(content) = size)
);

CREATE INDEX ix_wk_files_uploaded ON wk_files (uploaded_at);

-- The flow instances whose submitted data referenced a file. Downloads by others than the uploader
-- are checked through them, and the sweep removes old files that no row links.
CREATE TABLE wk_file_links (
    file_id TEXT NOT NULL REFERENCES wk_files (id) ON DELETE CASCADE,
    instance_id TEXT NOT NULL,
    PRIMARY KEY (file_id, instance_id)
);

CREATE INDEX ix_wk_file_links_instance ON wk_file_links (instance_id);
