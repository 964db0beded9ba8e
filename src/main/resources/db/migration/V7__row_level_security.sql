-- Row-level security, the second wall behind every query's own organization filter: the application's
-- role sees and writes rows of the organization named for the current transaction only
-- (SET LOCAL haven.organization_id, see OrganizationScope). With none named it sees nothing. The owner
-- (migrations, pg_dump) is not subject to it.
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_organization ON person
    USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
    WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid);

ALTER TABLE person_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_token_organization ON person_token
    USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
    WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid);
