-- Holiday file versions and working hours on PostgreSQL: the tables of SQLite migration 4002.
CREATE TABLE workday_calendar_loads (
    version TEXT PRIMARY KEY,
    days INTEGER NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE workday_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    work_start TIME NOT NULL,
    work_end TIME NOT NULL CHECK (work_end > work_start),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
