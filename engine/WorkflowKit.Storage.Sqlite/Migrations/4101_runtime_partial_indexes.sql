-- Every lookup through the index on wk_instances.idempotency_key, the one on parent_instance_id and
-- the one on wk_tasks.completed_by compares the column with a value. So the NULL entries that each
-- started instance and each open task wrote into them were never read. Partial indexes
-- (WHERE column IS NOT NULL) leave those entries out, and with them a B-tree page or so per commit.
--
-- SQLite cannot drop the UNIQUE constraint that wk_instances was created with, so the table is
-- rebuilt without it, keeping each row's rowid. Other tables reference wk_instances, and foreign
-- keys cannot be turned off inside the migration's transaction. Deferring them lets DROP TABLE
-- count the child rows it orphans and the INSERT of the same ids count them back, and the
-- commit checks that the count is zero.
-- NOTE: the rebuild writes every instance row twice and holds the write lock until it commits,
-- so on a store with millions of instances the first start after an upgrade takes a while.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE wk_instances_copy AS SELECT rowid AS row_id, * FROM wk_instances;
DROP TABLE wk_instances;

CREATE TABLE wk_instances (
    id TEXT PRIMARY KEY,
    flow_key TEXT NOT NULL,
    flow_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    initiator TEXT NOT NULL,
    idempotency_key TEXT NULL,
    parent_instance_id TEXT NULL,
    parent_token_id TEXT NULL,
    form_json TEXT NOT NULL,
    state_json TEXT NOT NULL,
    end_node_id TEXT NULL,
    acted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    ended_at TEXT NULL
);
INSERT INTO wk_instances (rowid, id, flow_key, flow_version, status, trigger_kind, initiator, idempotency_key,
    parent_instance_id, parent_token_id, form_json, state_json, end_node_id, acted, version, started_at,
    updated_at, ended_at)
SELECT row_id, id, flow_key, flow_version, status, trigger_kind, initiator, idempotency_key,
    parent_instance_id, parent_token_id, form_json, state_json, end_node_id, acted, version, started_at,
    updated_at, ended_at
FROM temp.wk_instances_copy ORDER BY row_id;
DROP TABLE temp.wk_instances_copy;

CREATE INDEX ix_wk_instances_flow ON wk_instances (flow_key, status);
CREATE INDEX ix_wk_instances_initiator ON wk_instances (initiator, started_at);
CREATE UNIQUE INDEX ux_wk_instances_idempotency_key ON wk_instances (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_wk_instances_parent ON wk_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

DROP INDEX ix_wk_tasks_completed_by;
CREATE INDEX ix_wk_tasks_completed_by ON wk_tasks (completed_by) WHERE completed_by IS NOT NULL;
