-- The form version each flow version was published with. Instances of a flow version keep that
-- form when the form changes later; a new flow version picks up the new form.
CREATE TABLE definition_form_bindings (
    flow_key TEXT NOT NULL,
    flow_version INTEGER NOT NULL,
    form_key TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    PRIMARY KEY (flow_key, flow_version)
);

CREATE TRIGGER definition_form_bindings_no_change BEFORE UPDATE OR DELETE ON definition_form_bindings
    FOR EACH ROW EXECUTE FUNCTION definition_versions_immutable();

-- Flow versions published before this table existed are bound to the form version that was the
-- latest when they were published.
INSERT INTO definition_form_bindings (flow_key, flow_version, form_key, form_version)
SELECT f.key, f.version, (f.content::jsonb ->> 'form'),
       (SELECT MAX(m.version) FROM definition_versions m
        WHERE m.kind = 'form' AND m.key = (f.content::jsonb ->> 'form') AND m.published_at <= f.published_at)
FROM definition_versions f
WHERE f.kind = 'flow'
  AND EXISTS (SELECT 1 FROM definition_versions m
              WHERE m.kind = 'form' AND m.key = (f.content::jsonb ->> 'form') AND m.published_at <= f.published_at);
