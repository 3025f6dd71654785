CREATE TABLE IF NOT EXISTS database_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO database_info (key, value) VALUES ('format', '1') ON CONFLICT (key) DO NOTHING;
