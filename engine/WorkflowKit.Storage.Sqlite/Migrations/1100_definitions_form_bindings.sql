-- The form version each flow version was published with. Instances of a flow version keep that
-- form when the form changes later; a new flow version picks up the new form.
CREATE TABLE definition_form_bindings (
    flow_key TEXT NOT NULL,
    flow_version INTEGER NOT NULL,
    form_key TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    PRIMARY KEY (flow_key, flow_version)
);

CREATE TRIGGER definition_form_bindings_no_update BEFORE UPDATE ON definition_form_bindings
BEGIN
    SELECT RAISE(ABORT, 'published definition versions are immutable; publish a new version instead');
END;

CREATE TRIGGER definition_form_bindings_no_delete BEFORE DELETE ON definition_form_bindings
BEGIN
    SELECT RAISE(ABORT, 'published definition versions are immutable and cannot be deleted');
END;

-- Flow versions published before this table existed are bound to the form version that was the
-- latest when they were published.
INSERT INTO definition_form_bindings (flow_key, flow_version, form_key, form_version)
SELECT f.key, f.version, json_extract(f.content, '$.form'),
       (SELECT MAX(m.version) FROM definition_versions m
        WHERE m.kind = 'form' AND m.key = json_extract(f.content, '$.form') AND m.published_at <= f.published_at)
FROM definition_versions f
WHERE f.kind = 'flow'
  AND EXISTS (SELECT 1 FROM definition_versions m
              WHERE m.kind = 'form' AND m.key = json_extract(f.content, '$.form') AND m.published_at <= f.published_at);
