-- The engine deletes a task's drafts by scope ("task:<task id>") in every step that saves the task, and the
-- primary key (user_id, scope) cannot serve a lookup by scope alone.
CREATE INDEX ix_wk_form_drafts_scope ON wk_form_drafts (scope);
