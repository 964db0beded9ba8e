-- Who is on call for triage: a report that says a child is in danger now (or one a triage officer
-- raises to immediate danger) alerts the people on call; with nobody on call, every triage officer.
CREATE TABLE on_call_shift (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    user_id         UUID        NOT NULL REFERENCES staff_user (id),
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    created_by      UUID        NOT NULL REFERENCES staff_user (id),
    CONSTRAINT on_call_shift_order CHECK (ends_at >= starts_at)
);
CREATE INDEX on_call_shift_current ON on_call_shift (organization_id, ends_at);

ALTER TABLE on_call_shift ENABLE ROW LEVEL SECURITY;
CREATE POLICY on_call_shift_organization ON on_call_shift
    USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
    WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid);

-- When on-call staff were alerted that a report was raised to immediate danger: at most once per report.
ALTER TABLE report ADD COLUMN urgent_alerted_at TIMESTAMPTZ;

-- Proof-of-work challenges and wait tokens already used, shared by every node so that a token is
-- accepted once in the whole installation. Only a SHA-256 of the server-chosen token id is kept, until
-- the token would have expired anyway. No organization and no content, so no row-level security.
CREATE TABLE spent_token (
    token_hash BYTEA       PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX spent_token_expiry ON spent_token (expires_at);
