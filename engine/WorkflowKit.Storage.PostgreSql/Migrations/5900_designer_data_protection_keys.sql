-- ASP.NET Core data-protection keys shared by every designer node, so that a cookie or an
-- antiforgery token issued by one node is read by any other. PostgreSQL only: a single SQLite
-- machine keeps its key ring in the file system, where ASP.NET Core puts it by default.
CREATE TABLE designer_data_protection_keys (
    friendly_name TEXT PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
