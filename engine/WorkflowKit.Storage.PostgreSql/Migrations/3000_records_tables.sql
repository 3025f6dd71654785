-- Records of every form in one table on PostgreSQL. Unlike SQLite migration 3000, the data is
-- JSONB and there is no narrow index table: a GIN index (jsonb_path_ops) serves containment
-- filters on any field, and registering a form creates an expression index per indexed field.
CREATE TABLE record_forms (
    form_key TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE records (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    data JSONB NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    serial_number TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    instance_id TEXT,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_by TEXT,
    deleted_at TIMESTAMPTZ
);

CREATE INDEX ix_records_form_live ON records (form_key, deleted, id);
CREATE INDEX ix_records_form_creator ON records (form_key, created_by);
CREATE UNIQUE INDEX ux_records_serial ON records (form_key, serial_number) WHERE serial_number IS NOT NULL;
CREATE INDEX ix_records_data ON records USING GIN (data jsonb_path_ops);

-- Serial number counters per form, field and period (the rendered date part of the pattern).
CREATE TABLE record_serials (
    form_key TEXT NOT NULL,
    field_id TEXT NOT NULL,
    period TEXT NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (form_key, field_id, period)
);

-- Audit trail: a snapshot per write and the old and new value of each changed field.
CREATE TABLE record_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id BIGINT NOT NULL REFERENCES records (id),
    form_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    action TEXT NOT NULL,
    user_id TEXT NOT NULL,
    instance_id TEXT,
    at TIMESTAMPTZ NOT NULL,
    snapshot JSONB NOT NULL
);

CREATE INDEX ix_record_audit_record ON record_audit (record_id, id);

CREATE TABLE record_changes (
    audit_id BIGINT NOT NULL REFERENCES record_audit (id),
    field_id TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    PRIMARY KEY (audit_id, field_id)
);

-- Saved import column mappings, reusable by name.
CREATE TABLE import_mappings (
    form_key TEXT NOT NULL,
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (form_key, name)
);
