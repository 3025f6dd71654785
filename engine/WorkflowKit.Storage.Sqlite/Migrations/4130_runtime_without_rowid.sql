-- A rowid table with a TEXT or composite primary key is two B-trees: the table, keyed by rowid, and the
-- key's automatic index, which maps each key to its rowid. Each started instance inserts a token, a task,
-- a notification and its variables, so the commit writes a page of each of these eight B-trees into the
-- WAL. A WITHOUT ROWID table is one B-tree keyed by the primary key, so the insert writes one B-tree
-- instead of two, and a lookup by id reads one. These rows hold no form snapshots, so they stay far
-- smaller than a page, and a leaf page stores many of them. Secondary indexes now end with the id instead of the rowid. No query of
-- these tables reads the rowid.
--
-- Each table is rebuilt through a temporary copy, as in migration 4101: foreign keys cannot be turned
-- off inside the migration's transaction, so they are deferred and the commit checks them.
-- NOTE: the rebuild writes every token, task, notification and variable twice and holds the write
-- lock until it commits, so on a large store the first start after an upgrade takes a while.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE wk_tokens_copy AS SELECT * FROM wk_tokens;
DROP TABLE wk_tokens;
CREATE TABLE wk_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    node_id TEXT NOT NULL,
    status TEXT NOT NULL,
    edge_id TEXT NULL,
    scope TEXT NOT NULL,
    trail_json TEXT NOT NULL,
    wait_kind TEXT NULL,
    wait_ref TEXT NULL,
    wait_state_json TEXT NULL,
    visit_id TEXT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO wk_tokens SELECT * FROM temp.wk_tokens_copy ORDER BY id;
DROP TABLE temp.wk_tokens_copy;
CREATE INDEX ix_wk_tokens_instance ON wk_tokens (instance_id, status);

CREATE TEMP TABLE wk_tasks_copy AS SELECT * FROM wk_tasks;
DROP TABLE wk_tasks;
CREATE TABLE wk_tasks (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    token_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    flow_key TEXT NOT NULL,
    flow_version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT NOT NULL,
    original_assignee TEXT NOT NULL,
    outcome TEXT NULL,
    comment TEXT NULL,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NULL,
    completed_at TEXT NULL,
    completed_by TEXT NULL
) WITHOUT ROWID;
INSERT INTO wk_tasks SELECT * FROM temp.wk_tasks_copy ORDER BY id;
DROP TABLE temp.wk_tasks_copy;
CREATE INDEX ix_wk_tasks_assignee ON wk_tasks (assignee, status, created_at);
CREATE INDEX ix_wk_tasks_instance ON wk_tasks (instance_id, status);
CREATE INDEX ix_wk_tasks_completed_by ON wk_tasks (completed_by) WHERE completed_by IS NOT NULL;

CREATE TEMP TABLE wk_variables_copy AS SELECT * FROM wk_variables;
DROP TABLE wk_variables;
CREATE TABLE wk_variables (
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    name TEXT NOT NULL,
    value_json TEXT NOT NULL,
    PRIMARY KEY (instance_id, name)
) WITHOUT ROWID;
INSERT INTO wk_variables SELECT * FROM temp.wk_variables_copy ORDER BY instance_id, name;
DROP TABLE temp.wk_variables_copy;

CREATE TEMP TABLE wk_notifications_copy AS SELECT * FROM wk_notifications;
DROP TABLE wk_notifications;
CREATE TABLE wk_notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    instance_id TEXT NULL,
    node_id TEXT NULL,
    task_id TEXT NULL,
    kind TEXT NOT NULL,
    message_json TEXT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT NULL
) WITHOUT ROWID;
INSERT INTO wk_notifications SELECT * FROM temp.wk_notifications_copy ORDER BY id;
DROP TABLE temp.wk_notifications_copy;
CREATE INDEX ix_wk_notifications_user ON wk_notifications (user_id, read_at, created_at);
