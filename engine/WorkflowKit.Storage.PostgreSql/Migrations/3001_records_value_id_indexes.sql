-- Registering a form creates one expression index per indexed field. They were (form_key, value);
-- they become (form_key, value, id), so that a newest-first page of one value reads its rows in
-- index order and stops after the page instead of sorting every match. Each existing index is
-- rebuilt with the id appended, under the name that registration now gives it (prefix
-- ix_records_fi_ and the same hash of field and kind), and the old one is dropped.
DO $$
DECLARE
    existing RECORD;
BEGIN
    FOR existing IN
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'records' AND indexname LIKE 'ix\_records\_f\_%'
    LOOP
        EXECUTE replace(
            regexp_replace(existing.indexdef, '\)$', ', id)'),
            'INDEX ' || existing.indexname || ' ',
            'INDEX IF NOT EXISTS ix_records_fi_' || substr(existing.indexname, 14) || ' ');
        EXECUTE format('DROP INDEX %I', existing.indexname);
    END LOOP;
END $$;
