-- Roles an administrator created on the roles page, for assignee rules and permission rules.
-- Members stay in designer_users.roles, as for the roles that templates define.
-- PostgreSQL port of SQLite migration 5002: times are TIMESTAMPTZ.
CREATE TABLE designer_roles (
    role_key TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    description_en TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
