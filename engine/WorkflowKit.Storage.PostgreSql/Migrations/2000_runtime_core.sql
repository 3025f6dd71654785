-- Runtime tables on PostgreSQL: the tables, columns and keys of SQLite migration 2000 with native
-- types: TIMESTAMPTZ for times, BOOLEAN for flags, identity columns for audit and assignment ids.
-- JSON columns stay TEXT because the engine reads them whole. Version columns guard concurrent writes.
CREATE TABLE wk_instances (
    id TEXT PRIMARY KEY,
    flow_key TEXT NOT NULL,
    flow_version BIGINT NOT NULL,
    status TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    initiator TEXT NOT NULL,
    idempotency_key TEXT NULL UNIQUE,
    parent_instance_id TEXT NULL,
    parent_token_id TEXT NULL,
    form_json TEXT NOT NULL,
    state_json TEXT NOT NULL,
    end_node_id TEXT NULL,
    acted BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_wk_instances_flow ON wk_instances (flow_key, status);
CREATE INDEX ix_wk_instances_initiator ON wk_instances (initiator, started_at);
CREATE INDEX ix_wk_instances_parent ON wk_instances (parent_instance_id);

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
    seq BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_wk_tokens_instance ON wk_tokens (instance_id, status);

CREATE TABLE wk_tasks (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    token_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    flow_key TEXT NOT NULL,
    flow_version BIGINT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT NOT NULL,
    original_assignee TEXT NOT NULL,
    outcome TEXT NULL,
    comment TEXT NULL,
    seq BIGINT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    due_at TIMESTAMPTZ NULL,
    completed_at TIMESTAMPTZ NULL,
    completed_by TEXT NULL
);
CREATE INDEX ix_wk_tasks_assignee ON wk_tasks (assignee, status, created_at);
CREATE INDEX ix_wk_tasks_instance ON wk_tasks (instance_id, status);

CREATE TABLE wk_task_assignees (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES wk_tasks (id),
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    assigned_by TEXT NULL,
    assigned_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_wk_task_assignees_task ON wk_task_assignees (task_id);

CREATE TABLE wk_variables (
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    name TEXT NOT NULL,
    value_json TEXT NOT NULL,
    PRIMARY KEY (instance_id, name)
);

-- Timers and outbox messages are claimed with FOR UPDATE SKIP LOCKED plus a lease (owner node id
-- and lease_until); the partial indexes hold only pending rows, so claims stay cheap as history grows.
CREATE TABLE wk_timers (
    id TEXT PRIMARY KEY,
    instance_id TEXT NULL,
    token_id TEXT NULL,
    task_id TEXT NULL,
    kind TEXT NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    payload_json TEXT NULL,
    status TEXT NOT NULL,
    lease_owner TEXT NULL,
    lease_until TIMESTAMPTZ NULL,
    created_at TIMESTAMPTZ NOT NULL,
    fired_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_wk_timers_due ON wk_timers (due_at) WHERE status = 'pending';
CREATE INDEX ix_wk_timers_instance ON wk_timers (instance_id, status);

CREATE TABLE wk_outbox (
    id TEXT PRIMARY KEY,
    instance_id TEXT NULL,
    token_id TEXT NULL,
    node_id TEXT NULL,
    kind TEXT NOT NULL,
    channel TEXT NULL,
    payload_json TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_owner TEXT NULL,
    lease_until TIMESTAMPTZ NULL,
    last_error TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    delivered_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_wk_outbox_due ON wk_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_wk_outbox_instance ON wk_outbox (instance_id);

CREATE TABLE wk_incidents (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    token_id TEXT NULL,
    node_id TEXT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ NULL,
    resolved_by TEXT NULL
);
CREATE INDEX ix_wk_incidents_instance ON wk_incidents (instance_id, resolved_at);

CREATE TABLE wk_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    node_id TEXT NULL,
    task_id TEXT NULL,
    comment TEXT NULL,
    form_json TEXT NULL,
    details_json TEXT NULL
);
CREATE INDEX ix_wk_audit_instance ON wk_audit (instance_id, id);

CREATE TABLE wk_notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    instance_id TEXT NULL,
    node_id TEXT NULL,
    task_id TEXT NULL,
    kind TEXT NOT NULL,
    message_json TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_wk_notifications_user ON wk_notifications (user_id, read_at, created_at);

CREATE TABLE wk_schedules (
    id TEXT PRIMARY KEY,
    flow_key TEXT NOT NULL,
    cron TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    next_due_at TIMESTAMPTZ NOT NULL,
    enabled BOOLEAN NOT NULL,
    last_fired_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_wk_schedules_due ON wk_schedules (enabled, next_due_at);
