-- Organisation model on PostgreSQL: the tables of SQLite migration 4000; rules are JSONB.
CREATE TABLE org_departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id TEXT,
    manager_id TEXT
);

CREATE TABLE org_users (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    department_id TEXT
);

CREATE INDEX ix_org_users_department ON org_users (department_id);

CREATE TABLE org_user_roles (
    user_id TEXT NOT NULL REFERENCES org_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE INDEX ix_org_user_roles_role ON org_user_roles (role, user_id);

CREATE TABLE org_user_attributes (
    user_id TEXT NOT NULL REFERENCES org_users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
);

CREATE TABLE org_roles (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- Data permission rules per form and role; the rule itself is stored as JSON.
CREATE TABLE permission_rules (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_key TEXT NOT NULL,
    role TEXT NOT NULL,
    rule JSONB NOT NULL
);

CREATE INDEX ix_permission_rules_form ON permission_rules (form_key, role);
