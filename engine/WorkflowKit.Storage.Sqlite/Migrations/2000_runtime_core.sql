-- Runtime tables of the durable engine. Times are UTC ISO 8601 text ("yyyy-MM-ddTHH:mm:ss.fffffffZ"),
-- which sorts in time order; JSON columns hold compact JSON. Version columns guard concurrent writes.
CREATE TABLE wk_instances (
    id TEXT PRIMARY KEY,
    flow_key TEXT NOT NULL,
    flow_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    initiator TEXT NOT NULL,
    idempotency_key TEXT NULL UNIQUE,
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
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_wk_tokens_instance ON wk_tokens (instance_id, status);

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
);
CREATE INDEX ix_wk_tasks_assignee ON wk_tasks (assignee, status, created_at);
CREATE INDEX ix_wk_tasks_instance ON wk_tasks (instance_id, status);

CREATE TABLE wk_task_assignees (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT NOT NULL REFERENCES wk_tasks (id),
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    assigned_by TEXT NULL,
    assigned_at TEXT NOT NULL
);
CREATE INDEX ix_wk_task_assignees_task ON wk_task_assignees (task_id);

CREATE TABLE wk_variables (
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    name TEXT NOT NULL,
    value_json TEXT NOT NULL,
    PRIMARY KEY (instance_id, name)
);

-- Timers are claimed with a lease so that a store on PostgreSQL can use SKIP LOCKED the same way.
CREATE TABLE wk_timers (
    id TEXT PRIMARY KEY,
    instance_id TEXT NULL,
    token_id TEXT NULL,
    task_id TEXT NULL,
    kind TEXT NOT NULL,
    due_at TEXT NOT NULL,
    payload_json TEXT NULL,
    status TEXT NOT NULL,
    lease_owner TEXT NULL,
    lease_until TEXT NULL,
    created_at TEXT NOT NULL,
    fired_at TEXT NULL
);
CREATE INDEX ix_wk_timers_due ON wk_timers (status, due_at);
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
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT NULL,
    lease_until TEXT NULL,
    last_error TEXT NULL,
    created_at TEXT NOT NULL,
    delivered_at TEXT NULL
);
CREATE INDEX ix_wk_outbox_due ON wk_outbox (status, next_attempt_at);
CREATE INDEX ix_wk_outbox_instance ON wk_outbox (instance_id);

CREATE TABLE wk_incidents (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    token_id TEXT NULL,
    node_id TEXT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT NULL,
    resolved_by TEXT NULL
);
CREATE INDEX ix_wk_incidents_instance ON wk_incidents (instance_id, resolved_at);

CREATE TABLE wk_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    at TEXT NOT NULL,
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
    created_at TEXT NOT NULL,
    read_at TEXT NULL
);
CREATE INDEX ix_wk_notifications_user ON wk_notifications (user_id, read_at, created_at);

CREATE TABLE wk_schedules (
    id TEXT PRIMARY KEY,
    flow_key TEXT NOT NULL,
    cron TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    next_due_at TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    last_fired_at TEXT NULL
);
CREATE INDEX ix_wk_schedules_due ON wk_schedules (enabled, next_due_at);
