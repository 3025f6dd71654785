-- The publisher's optional comment on a version, such as what changed and why. Versions published
-- before this column existed, and package imports, have none.
ALTER TABLE definition_versions ADD COLUMN comment TEXT NULL;
