-- Workday calendar: public holidays and make-up workdays (调休) by local date in the tenant's
-- time zone. Dates not listed follow the weekend rule (Saturday and Sunday off).
CREATE TABLE workday_calendar (
    day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
