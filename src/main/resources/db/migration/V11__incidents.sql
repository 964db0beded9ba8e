-- Incidents: what triage knows about one place or one set of offenders, built from reports. The
-- place's name, address and coordinates, the summary and everything about alleged perpetrators are
-- Tink ciphertext; phone numbers, online handles and place names are found through keyed blind-index
-- tokens (incident_token, report_token) so "this number is already known" needs no plaintext.
CREATE TABLE incident_counter (
    organization_id UUID NOT NULL REFERENCES organization (id),
    year            INT  NOT NULL,
    last_number     INT  NOT NULL,
    PRIMARY KEY (organization_id, year)
);

CREATE TABLE incident (
    id                 UUID PRIMARY KEY,
    organization_id    UUID        NOT NULL REFERENCES organization (id),
    reference          TEXT        NOT NULL,
    establishment      BYTEA,
    address            BYTEA,
    coordinates        BYTEA,
    province           TEXT,
    district           TEXT,
    country            TEXT,
    exploitation_types TEXT[]      NOT NULL DEFAULT '{}',
    first_seen         DATE,
    last_seen          DATE,
    summary            BYTEA,
    status             TEXT        NOT NULL DEFAULT 'OPEN',
    outcomes           TEXT[]      NOT NULL DEFAULT '{}',
    created_by         UUID        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            INT         NOT NULL DEFAULT 0,
    CONSTRAINT incident_status CHECK (status IN ('OPEN', 'UNDER_INVESTIGATION', 'CLOSED')),
    CONSTRAINT incident_dates CHECK (first_seen IS NULL OR last_seen IS NULL OR first_seen <= last_seen),
    UNIQUE (organization_id, reference)
);
CREATE INDEX incident_place ON incident (organization_id, province, district);

-- Alleged perpetrators: every detail (nationality, aliases, phones, handles, vehicles, description)
-- in one encrypted JSON document.
CREATE TABLE incident_perpetrator (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    incident_id     UUID        NOT NULL REFERENCES incident (id),
    details         BYTEA       NOT NULL,
    added_by        UUID        NOT NULL,
    added_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_perpetrator_incident ON incident_perpetrator (incident_id);

-- Blind-index tokens of an incident: kind PHONE and HANDLE (whole values, from perpetrators) and PLACE
-- (the establishment's name, fuzzy). perpetrator_id is null for the place.
CREATE TABLE incident_token (
    organization_id UUID   NOT NULL REFERENCES organization (id),
    token           BIGINT NOT NULL,
    kind            TEXT   NOT NULL,
    incident_id     UUID   NOT NULL REFERENCES incident (id),
    perpetrator_id  UUID REFERENCES incident_perpetrator (id) ON DELETE CASCADE,
    CONSTRAINT incident_token_kind CHECK (kind IN ('PHONE', 'HANDLE', 'PLACE'))
);
CREATE INDEX incident_token_lookup ON incident_token (organization_id, token);
CREATE INDEX incident_token_incident ON incident_token (incident_id);

-- The phone numbers and handles a report names, as the same tokens, so a number seen in a report is
-- matched to incidents and to other reports.
CREATE TABLE report_token (
    organization_id UUID   NOT NULL REFERENCES organization (id),
    token           BIGINT NOT NULL,
    kind            TEXT   NOT NULL,
    report_id       UUID   NOT NULL REFERENCES report (id),
    PRIMARY KEY (organization_id, token, report_id),
    CONSTRAINT report_token_kind CHECK (kind IN ('PHONE', 'HANDLE'))
);
CREATE INDEX report_token_report ON report_token (report_id);

CREATE TABLE incident_report (
    organization_id UUID        NOT NULL REFERENCES organization (id),
    incident_id     UUID        NOT NULL REFERENCES incident (id),
    report_id       UUID        NOT NULL REFERENCES report (id),
    linked_by       UUID        NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, report_id)
);
CREATE INDEX incident_report_report ON incident_report (report_id);

CREATE TABLE incident_case (
    organization_id UUID        NOT NULL REFERENCES organization (id),
    incident_id     UUID        NOT NULL REFERENCES incident (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    linked_by       UUID        NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, case_id)
);
CREATE INDEX incident_case_case ON incident_case (case_id);

-- Triage's decision on a report, the report it repeats, and the case opened from it. The hand-over
-- note to the case team is encrypted like the report.
ALTER TABLE report
    ADD COLUMN decision     TEXT,
    ADD COLUMN duplicate_of UUID REFERENCES report (id),
    ADD COLUMN case_note    BYTEA,
    ADD COLUMN case_id      UUID REFERENCES case_file (id),
    ADD COLUMN escalated_at TIMESTAMPTZ,
    ADD CONSTRAINT report_decision CHECK (decision IN ('NO_ACTION', 'ASK_REPORTER', 'ROUTE', 'INCIDENT',
        'OPEN_CASE', 'DUPLICATE')),
    ADD CONSTRAINT report_not_own_duplicate CHECK (duplicate_of IS NULL OR duplicate_of <> id);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['incident_counter', 'incident', 'incident_perpetrator', 'incident_token',
        'report_token', 'incident_report', 'incident_case']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I
            USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
            WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)$p$,
            t || '_organization', t);
    END LOOP;
END $$;
