-- Standing delegations (代理审批): while a row is in force, the engine gives the tasks that a node's
-- assignee rules name user_id for to delegate_id. Times are UTC ISO 8601 text with seven decimals,
-- which sorts as it reads. The period is [starts_at, ends_at), cut short by ended_at when set.
CREATE TABLE wk_delegations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    delegate_id TEXT NOT NULL CHECK (delegate_id <> user_id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
    -- JSON array of flow keys; an empty array covers every flow.
    flow_keys TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    move_open_tasks INTEGER NOT NULL DEFAULT 0 CHECK (move_open_tasks IN (0, 1)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ended_at TEXT,
    ended_by TEXT,
    open_tasks_moved_at TEXT
);

CREATE INDEX ix_wk_delegations_user ON wk_delegations (user_id, starts_at);
CREATE INDEX ix_wk_delegations_period ON wk_delegations (ends_at, starts_at);
