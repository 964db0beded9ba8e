-- Whose search tokens changed, in which transaction: a node that keeps an organization's postings in
-- memory (cases.SearchPostings, decision 39) replays the people changed since the oldest transaction
-- still running when it last looked, so that a child registered, renamed or erased on any node, by the
-- admin tools or by a bulk load is found (or not) by the next search. Written by statement triggers, so
-- every writer of person_token is covered (People, the generator's COPY, the cascade of an erasure).
-- Old rows are deleted after haven.search.change-retention; a node that has not looked for half of it
-- builds its postings again.
CREATE TABLE person_token_change (
    organization_id UUID        NOT NULL,
    person_id       UUID        NOT NULL,
    xid             BIGINT      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX person_token_change_order ON person_token_change (organization_id, xid);
CREATE INDEX person_token_change_age ON person_token_change (at);

ALTER TABLE person_token_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_token_change_organization ON person_token_change
    USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
    WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid);

CREATE FUNCTION person_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO person_token_change (organization_id, person_id)
        SELECT DISTINCT organization_id, person_id FROM changed;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_token_inserted AFTER INSERT ON person_token
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION person_token_changed();
CREATE TRIGGER person_token_deleted AFTER DELETE ON person_token
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION person_token_changed();
