-- The engine writes most audit lines itself, as actor 'system': each node entered and completed,
-- each task created. The participation query looks up the actor index with a user's id and never
-- with 'system', so those entries (eleven of fourteen for an order approved once) were written and
-- never read. A partial index leaves them out; the participation query names the same condition,
-- so that the planner can use it.
DROP INDEX ix_wk_audit_actor;
CREATE INDEX ix_wk_audit_actor ON wk_audit (actor) WHERE actor <> 'system';
