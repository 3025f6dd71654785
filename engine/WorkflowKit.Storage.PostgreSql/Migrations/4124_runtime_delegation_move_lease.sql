-- A lease on moving a delegation's open tasks, so that a runner that stops midway leaves the rest to the next
-- runner once the lease expires. open_tasks_moved_at is now set only after every task was tried.
ALTER TABLE wk_delegations ADD COLUMN open_tasks_lease_until TIMESTAMPTZ;
