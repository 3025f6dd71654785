-- Definitions store: editable drafts, immutable published versions and imported packages.
-- Queries are portable; the PostgreSQL migration differs only in the triggers and BYTEA for BLOB.
CREATE TABLE definition_drafts (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    content TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);

CREATE TABLE definition_versions (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    package_key TEXT NULL,
    PRIMARY KEY (kind, key, version)
);

-- Published versions are frozen: running instances stay on the version they started with.
CREATE TRIGGER definition_versions_no_update BEFORE UPDATE ON definition_versions
BEGIN
    SELECT RAISE(ABORT, 'published definition versions are immutable; publish a new version instead');
END;

CREATE TRIGGER definition_versions_no_delete BEFORE DELETE ON definition_versions
BEGIN
    SELECT RAISE(ABORT, 'published definition versions are immutable and cannot be deleted');
END;

CREATE TABLE definition_packages (
    key TEXT NOT NULL PRIMARY KEY,
    version TEXT NOT NULL,
    manifest TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE definition_package_members (
    package_key TEXT NOT NULL REFERENCES definition_packages (key),
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (package_key, kind, key)
);

CREATE TABLE definition_package_files (
    package_key TEXT NOT NULL REFERENCES definition_packages (key),
    path TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (package_key, path)
);
