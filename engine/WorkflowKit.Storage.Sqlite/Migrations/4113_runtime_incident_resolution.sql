-- The engine resolves an incident when the instance ends without running its node again: a withdrawal,
-- a cancellation (an administrator's, or the parent instance's end for a sub-flow) or a rejection.
-- resolution records which of these it was, or "retried" and "returned" (a return to the initiator).
-- Incidents resolved before this migration keep a null resolution.
ALTER TABLE wk_incidents ADD COLUMN resolution TEXT NULL;

-- Instances that ended before this migration left their incidents open. They are resolved as of the
-- instance's end, by 'system', and the instance's final status is the resolution.
UPDATE wk_incidents
SET resolved_at = COALESCE(
        (SELECT instance.ended_at FROM wk_instances instance WHERE instance.id = wk_incidents.instance_id),
        wk_incidents.created_at),
    resolved_by = 'system',
    resolution = (SELECT instance.status FROM wk_instances instance WHERE instance.id = wk_incidents.instance_id)
WHERE resolved_at IS NULL
  AND instance_id IN (SELECT id FROM wk_instances WHERE status <> 'running');
