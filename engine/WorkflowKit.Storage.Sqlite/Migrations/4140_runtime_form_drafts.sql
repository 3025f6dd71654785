-- Drafts of start forms and task forms: the input a user typed and has not sent, one row per user and
-- scope ("start:<flow key>" or "task:<task id>"). version is the flow version of the form, data the
-- form's values as JSON text without file fields, saved_at UTC ISO 8601 text with seven decimals.
CREATE TABLE wk_form_drafts (
    user_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, scope)
) WITHOUT ROWID;
