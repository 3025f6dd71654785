-- Participation: which records a user takes part in through flow instances (initiator, assignee,
-- CC recipient, actor). Records reach an instance through records.instance_id and
-- record_audit.instance_id when the instance wrote them, and through wk_instance_records when it
-- did not, such as the record of an imported row whose flow the import started.
CREATE TABLE wk_instance_records (
    instance_id TEXT NOT NULL REFERENCES wk_instances (id),
    form_key TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    PRIMARY KEY (instance_id, form_key, record_id)
);
CREATE INDEX ix_wk_instance_records_record ON wk_instance_records (form_key, record_id);

CREATE INDEX ix_wk_tasks_completed_by ON wk_tasks (completed_by);
CREATE INDEX ix_wk_task_assignees_user ON wk_task_assignees (user_id);
CREATE INDEX ix_wk_audit_actor ON wk_audit (actor);
CREATE INDEX ix_records_instance ON records (instance_id);
CREATE INDEX ix_record_audit_instance ON record_audit (instance_id);
