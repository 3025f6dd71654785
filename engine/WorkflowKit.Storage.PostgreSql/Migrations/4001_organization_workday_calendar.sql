-- Workday calendar on PostgreSQL: the table of SQLite migration 4001 with a DATE key.
CREATE TABLE workday_calendar (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
