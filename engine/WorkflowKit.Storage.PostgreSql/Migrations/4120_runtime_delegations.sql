-- Standing delegations (代理审批) on PostgreSQL: the table of SQLite migration 4120 with TIMESTAMPTZ
-- times and a JSONB list of flow keys (an empty array covers every flow). The period is
-- [starts_at, ends_at), cut short by ended_at when set.
CREATE TABLE wk_delegations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    delegate_id TEXT NOT NULL CHECK (delegate_id <> user_id),
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    flow_keys JSONB NOT NULL DEFAULT '[]',
    note TEXT,
    move_open_tasks INTEGER NOT NULL DEFAULT 0 CHECK (move_open_tasks IN (0, 1)),
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    ended_by TEXT,
    open_tasks_moved_at TIMESTAMPTZ
);

CREATE INDEX ix_wk_delegations_user ON wk_delegations (user_id, starts_at);
CREATE INDEX ix_wk_delegations_period ON wk_delegations (ends_at, starts_at);
