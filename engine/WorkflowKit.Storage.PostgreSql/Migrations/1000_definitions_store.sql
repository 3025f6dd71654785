-- Definitions store on PostgreSQL: the same tables and keys as SQLite migration 1000.
-- Differences: times are TIMESTAMPTZ, package files are BYTEA, and the immutability of
-- published versions is a PL/pgSQL trigger function instead of RAISE(ABORT).
-- Content stays TEXT (not JSONB): the stored text is canonical and hashed, so it must round-trip byte for byte.
CREATE TABLE definition_drafts (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    revision BIGINT NOT NULL,
    content TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
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
    published_at TIMESTAMPTZ NOT NULL,
    package_key TEXT NULL,
    PRIMARY KEY (kind, key, version)
);

CREATE FUNCTION definition_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'published definition versions are immutable and cannot be deleted';
    END IF;
    RAISE EXCEPTION 'published definition versions are immutable; publish a new version instead';
END;
$$;

CREATE TRIGGER definition_versions_no_change BEFORE UPDATE OR DELETE ON definition_versions
    FOR EACH ROW EXECUTE FUNCTION definition_versions_immutable();

CREATE TABLE definition_packages (
    key TEXT NOT NULL PRIMARY KEY,
    version TEXT NOT NULL,
    manifest TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
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
    content BYTEA NOT NULL,
    PRIMARY KEY (package_key, path)
);
