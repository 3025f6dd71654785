-- Holiday file versions (file, year and content hash) loaded into workday_calendar. Each version is loaded once,
-- so a day an administrator deleted after the load stays deleted.
CREATE TABLE workday_calendar_loads (
    version TEXT PRIMARY KEY,
    days INTEGER NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TEXT NOT NULL
) WITHOUT ROWID;

-- Working hours of every workday as HH:mm local times; one row, absent until an administrator saves them.
CREATE TABLE workday_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    work_start TEXT NOT NULL CHECK (work_start GLOB '[0-2][0-9]:[0-5][0-9]'),
    work_end TEXT NOT NULL CHECK (work_end GLOB '[0-2][0-9]:[0-5][0-9]' AND work_end > work_start),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
