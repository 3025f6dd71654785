-- Drafts of start forms and task forms on PostgreSQL: the table of SQLite migration 4140 with a
-- TIMESTAMPTZ time and the form's values as JSONB, one row per user and scope.
CREATE TABLE wk_form_drafts (
    user_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    data JSONB NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, scope)
);
