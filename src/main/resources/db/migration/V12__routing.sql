-- Routing public reports to vetted partner organizations. The intake organization keeps a registry of
-- partners (what they handle, where, whether they were vetted) and a row per report sent (routing),
-- holding the minimum-necessary summary it wrote, never the report itself. A partner inside Haven gets
-- its own copy (partner_referral), owned by the partner organization and encrypted under its keys, so
-- the partner never needs to read the sender's rows.
CREATE TABLE partner (
    id                      UUID PRIMARY KEY,
    organization_id         UUID        NOT NULL REFERENCES organization (id),
    name                    TEXT        NOT NULL,
    kind                    TEXT        NOT NULL,
    partner_organization_id UUID REFERENCES organization (id),
    contact                 BYTEA,
    categories              TEXT[]      NOT NULL DEFAULT '{}',
    provinces               TEXT[]      NOT NULL DEFAULT '{}',
    countries               TEXT[]      NOT NULL DEFAULT '{}',
    vetted                  BOOLEAN     NOT NULL DEFAULT false,
    vetted_by               UUID,
    vetted_on               DATE,
    active                  BOOLEAN     NOT NULL DEFAULT true,
    changed_by              UUID        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    version                 INT         NOT NULL DEFAULT 0,
    CONSTRAINT partner_kind CHECK (kind IN ('INSIDE', 'OUTSIDE')),
    CONSTRAINT partner_inside CHECK ((kind = 'INSIDE') = (partner_organization_id IS NOT NULL)),
    CONSTRAINT partner_name CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE INDEX partner_registry ON partner (organization_id, active, vetted);

CREATE TABLE routing (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    report_id       UUID        NOT NULL REFERENCES report (id),
    partner_id      UUID        NOT NULL REFERENCES partner (id),
    summary         BYTEA       NOT NULL,
    category        TEXT,
    urgency         TEXT,
    province        TEXT,
    status          TEXT        NOT NULL DEFAULT 'SENT',
    sent_by         UUID        NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL,
    acknowledge_by  TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    outcome         TEXT,
    outcome_note    BYTEA,
    outcome_at      TIMESTAMPTZ,
    escalated_at    TIMESTAMPTZ,
    referral_id     UUID,
    version         INT         NOT NULL DEFAULT 0,
    CONSTRAINT routing_status CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'OUTCOME_REPORTED', 'WITHDRAWN')),
    CONSTRAINT routing_outcome CHECK (outcome IN ('NO_ACTION_POSSIBLE', 'INVESTIGATED', 'RESCUE', 'ARRESTS',
        'PROSECUTION', 'REFERRED_ON'))
);
CREATE INDEX routing_report ON routing (organization_id, report_id, sent_at);
CREATE INDEX routing_waiting ON routing (organization_id, acknowledge_by) WHERE status = 'SENT' AND escalated_at IS NULL;

-- The partner organization's copy. No foreign key to routing: the two rows belong to different
-- organizations (and, distributed by organization, may live on different servers).
CREATE TABLE partner_referral (
    id                   UUID PRIMARY KEY,
    organization_id      UUID        NOT NULL REFERENCES organization (id),
    from_organization_id UUID        NOT NULL REFERENCES organization (id),
    routing_id           UUID        NOT NULL,
    summary              BYTEA,
    category             TEXT,
    urgency              TEXT,
    province             TEXT,
    status               TEXT        NOT NULL DEFAULT 'SENT',
    received_at          TIMESTAMPTZ NOT NULL,
    acknowledge_by       TIMESTAMPTZ NOT NULL,
    acknowledged_at      TIMESTAMPTZ,
    acknowledged_by      UUID,
    outcome              TEXT,
    outcome_note         BYTEA,
    outcome_at           TIMESTAMPTZ,
    outcome_by           UUID,
    version              INT         NOT NULL DEFAULT 0,
    CONSTRAINT partner_referral_status CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'OUTCOME_REPORTED', 'WITHDRAWN')),
    CONSTRAINT partner_referral_outcome CHECK (outcome IN ('NO_ACTION_POSSIBLE', 'INVESTIGATED', 'RESCUE', 'ARRESTS',
        'PROSECUTION', 'REFERRED_ON'))
);
CREATE INDEX partner_referral_queue ON partner_referral (organization_id, status, acknowledge_by);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['partner', 'routing', 'partner_referral']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I
            USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
            WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)$p$,
            t || '_organization', t);
    END LOOP;
END $$;
