-- Records of every form in one table: the data is a JSON document; filters use json_extract.
CREATE TABLE record_forms (
    form_key TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    registered_at TEXT NOT NULL
);

CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    form_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    serial_number TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    instance_id TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_by TEXT,
    deleted_at TEXT
);

CREATE INDEX ix_records_form_live ON records (form_key, deleted, id);
CREATE INDEX ix_records_form_creator ON records (form_key, created_by);
CREATE UNIQUE INDEX ux_records_serial ON records (form_key, serial_number) WHERE serial_number IS NOT NULL;

-- The narrow index table: one row per record and indexed scalar field, holding the same value
-- that json_extract returns, so that filters and sorts on indexed fields use an index.
-- The value column has no declared type on purpose: values keep their SQLite type.
CREATE TABLE record_values (
    record_id INTEGER NOT NULL REFERENCES records (id),
    form_key TEXT NOT NULL,
    field_id TEXT NOT NULL,
    value,
    PRIMARY KEY (record_id, field_id)
) WITHOUT ROWID;

CREATE INDEX ix_record_values_lookup ON record_values (form_key, field_id, value, record_id);

-- Serial number counters per form, field and period (the rendered date part of the pattern).
CREATE TABLE record_serials (
    form_key TEXT NOT NULL,
    field_id TEXT NOT NULL,
    period TEXT NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (form_key, field_id, period)
) WITHOUT ROWID;

-- Audit trail: a snapshot per write and the old and new value of each changed field.
CREATE TABLE record_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id INTEGER NOT NULL REFERENCES records (id),
    form_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    user_id TEXT NOT NULL,
    instance_id TEXT,
    at TEXT NOT NULL,
    snapshot TEXT NOT NULL
);

CREATE INDEX ix_record_audit_record ON record_audit (record_id, id);

CREATE TABLE record_changes (
    audit_id INTEGER NOT NULL REFERENCES record_audit (id),
    field_id TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    PRIMARY KEY (audit_id, field_id)
) WITHOUT ROWID;

-- Saved import column mappings, reusable by name.
CREATE TABLE import_mappings (
    form_key TEXT NOT NULL,
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (form_key, name)
);
