-- Anonymous public reports and hotline intake. Nothing here identifies a person who reports: no
-- address, user agent or exact time (received_hour is coarsened to the hour; ids are random, not
-- time-ordered). What was seen is Tink ciphertext.
CREATE TABLE report (
    id               UUID PRIMARY KEY,
    organization_id  UUID        NOT NULL REFERENCES organization (id),
    channel          TEXT        NOT NULL,
    language         TEXT        NOT NULL,
    received_hour    TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'RECEIVED',
    danger_now       BOOLEAN     NOT NULL DEFAULT false,
    category         TEXT,
    urgency          TEXT,
    province         TEXT,
    district         TEXT,
    country          TEXT,
    children_count   INT,
    content          BYTEA       NOT NULL,
    operator_id      UUID,
    version          INT         NOT NULL DEFAULT 0,
    CONSTRAINT report_channel CHECK (channel IN ('WEB', 'PHONE', 'MESSENGER', 'WALK_IN')),
    CONSTRAINT report_status CHECK (status IN ('RECEIVED', 'UNDER_REVIEW', 'PASSED_TO_PARTNER', 'CLOSED')),
    acknowledged_at  TIMESTAMPTZ,
    deadline_at      TIMESTAMPTZ,
    CONSTRAINT report_children CHECK (children_count BETWEEN 0 AND 1000),
    CONSTRAINT report_urgency CHECK (urgency IN ('IMMEDIATE', 'HIGH', 'NORMAL', 'LOW')),
    CONSTRAINT report_category CHECK (category IN ('CHILD_SEX_TRAFFICKING', 'CHILD_SEX_TOURISM', 'ONLINE_EXPLOITATION',
        'ABUSE_MATERIAL', 'FORCED_LABOUR_BEGGING', 'OTHER'))
);
CREATE INDEX report_queue ON report (organization_id, status, danger_now, received_hour);

-- How a receipt code finds its report: the code's public handle and the Argon2id hash of its secret
-- part. No content, so no row-level security: the reporter has no organization to name.
CREATE TABLE report_receipt (
    handle          TEXT PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organization (id),
    report_id       UUID NOT NULL REFERENCES report (id),
    secret_hash     TEXT NOT NULL
);

-- Messages between staff and the person who reported, both ways, encrypted; a reporter's message
-- carries the hour only.
CREATE TABLE report_message (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    report_id       UUID        NOT NULL REFERENCES report (id),
    direction       TEXT        NOT NULL,
    body            BYTEA       NOT NULL,
    author_id       UUID,
    sent_hour       TIMESTAMPTZ NOT NULL,
    seq             BIGSERIAL,
    CONSTRAINT report_message_direction CHECK (direction IN ('TO_REPORTER', 'FROM_REPORTER'))
);
CREATE INDEX report_message_report ON report_message (organization_id, report_id, seq);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['report', 'report_message']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I
            USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
            WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)$p$,
            t || '_organization', t);
    END LOOP;
END $$;

-- Intake's own installation secrets (the key that signs the public form's proof-of-work challenges
-- and wait tokens). Someone who reads it can only skip the form's slowing-down; rate limits remain.
CREATE TABLE intake_secret (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
