-- Accounts of the designer and work portal: sign-in names, password hashes (PBKDF2 through
-- ASP.NET Core Identity's PasswordHasher), the organisation attributes that assignee and
-- permission rules match on, and the UI language each user chose.
CREATE TABLE designer_users (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    department_id TEXT NULL,
    roles TEXT NOT NULL,
    attributes TEXT NOT NULL,
    culture TEXT NOT NULL DEFAULT 'zh-CN',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE designer_departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id TEXT NULL,
    manager_id TEXT NULL
);

-- API keys are random 32-byte secrets; only their SHA-256 is stored.
CREATE TABLE designer_api_keys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES designer_users (id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE designer_saved_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES designer_users (id),
    form_key TEXT NOT NULL,
    name TEXT NOT NULL,
    filter TEXT NOT NULL,
    created_at TEXT NOT NULL
);
