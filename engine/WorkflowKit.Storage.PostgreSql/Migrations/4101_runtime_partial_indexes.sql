-- Every lookup through the index on wk_instances.idempotency_key, the one on parent_instance_id and
-- the one on wk_tasks.completed_by compares the column with a value. So the NULL entries that each
-- started instance and each open task wrote into them were never read. Partial indexes
-- (WHERE column IS NOT NULL) leave those entries out. The unique index is created before the
-- constraint it replaces is dropped, so that keys stay unique at every point.
CREATE UNIQUE INDEX ux_wk_instances_idempotency_key ON wk_instances (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
ALTER TABLE wk_instances DROP CONSTRAINT wk_instances_idempotency_key_key;

DROP INDEX ix_wk_instances_parent;
CREATE INDEX ix_wk_instances_parent ON wk_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

DROP INDEX ix_wk_tasks_completed_by;
CREATE INDEX ix_wk_tasks_completed_by ON wk_tasks (completed_by) WHERE completed_by IS NOT NULL;
