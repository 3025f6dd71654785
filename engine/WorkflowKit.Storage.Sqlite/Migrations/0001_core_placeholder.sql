-- The migration table itself is created by SqliteMigrator; this first script records the
-- format version of the database file so that older binaries can refuse a newer file.
CREATE TABLE IF NOT EXISTS database_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO database_info (key, value) VALUES ('format', '1');
