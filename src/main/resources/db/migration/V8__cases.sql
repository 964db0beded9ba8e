-- Survivors' cases (HTCDS v2.0 vocabulary). Every identifying or narrative field is Tink AEAD
-- ciphertext bound to table, column and row; codes that dashboards filter on (stage, risk, types)
-- stay plain. Every table carries organization_id under row-level security (decision 22).

-- More of the person: HTCDS gender, an estimated age when the date of birth is unknown, nationality,
-- languages, province (for search before create), and an encrypted address.
ALTER TABLE person
    ADD COLUMN gender        TEXT,
    ADD COLUMN estimated_age INT,
    ADD COLUMN age_recorded  DATE,
    ADD COLUMN nationality   TEXT,
    ADD COLUMN languages     TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN province      TEXT,
    ADD COLUMN address       BYTEA,
    ADD CONSTRAINT person_gender CHECK (gender IN ('Feminine', 'Masculine', 'TransgenderFeminine',
        'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown')),
    ADD CONSTRAINT person_estimated_age CHECK (estimated_age BETWEEN 0 AND 120);

-- Guardians, family and other contacts of a person.
CREATE TABLE person_relation (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    person_id       UUID        NOT NULL REFERENCES person (id),
    relationship    TEXT        NOT NULL,
    guardian        BOOLEAN     NOT NULL DEFAULT false,
    name            BYTEA       NOT NULL,
    phone           BYTEA,
    address         BYTEA,
    notes           BYTEA,
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT person_relation_kind CHECK (relationship IN ('MOTHER', 'FATHER', 'SIBLING', 'GRANDPARENT',
        'AUNT_UNCLE', 'OTHER_RELATIVE', 'LEGAL_GUARDIAN', 'FOSTER_CARER', 'OTHER'))
);
CREATE INDEX person_relation_person ON person_relation (organization_id, person_id);

CREATE TABLE case_file (
    id                       UUID PRIMARY KEY,
    organization_id          UUID        NOT NULL REFERENCES organization (id),
    person_id                UUID        NOT NULL REFERENCES person (id),
    reference                TEXT        NOT NULL,
    stage                    TEXT        NOT NULL,
    risk_level               TEXT        NOT NULL DEFAULT 'MEDIUM',
    team_id                  UUID,
    caseworker_id            UUID,
    trafficking_status       TEXT        NOT NULL DEFAULT 'Possible',
    status_decided_by        TEXT,
    exploitation_types       TEXT[]      NOT NULL DEFAULT '{}',
    sexual_exploitation      TEXT[]      NOT NULL DEFAULT '{}',
    means_of_control         TEXT[]      NOT NULL DEFAULT '{}',
    recruiter_relation       TEXT,
    exploitation_country     TEXT,
    exploitation_province    TEXT,
    exploitation_from        DATE,
    exploitation_to          DATE,
    exploitation_places      BYTEA,
    summary                  BYTEA,
    plan_status              TEXT        NOT NULL DEFAULT 'NONE',
    plan_approved_by         UUID,
    plan_approved_at         TIMESTAMPTZ,
    closure_requested_by     UUID,
    closure_requested_at     TIMESTAMPTZ,
    closure_reason           BYTEA,
    reintegrated_on          DATE,
    opened_at                TIMESTAMPTZ NOT NULL,
    closed_at                TIMESTAMPTZ,
    last_contact_at          TIMESTAMPTZ,
    created_by               UUID        NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    version                  INT         NOT NULL DEFAULT 0,
    CONSTRAINT case_stage CHECK (stage IN ('IDENTIFIED', 'ASSESSMENT', 'CARE_PLAN', 'SERVICES', 'REINTEGRATION',
        'FOLLOW_UP', 'CLOSED', 'TRANSFERRED')),
    CONSTRAINT case_risk CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT case_trafficking_status CHECK (trafficking_status IN ('Possible', 'Actual', 'NotAVictim')),
    CONSTRAINT case_plan_status CHECK (plan_status IN ('NONE', 'DRAFT', 'SUBMITTED', 'APPROVED'))
);
CREATE UNIQUE INDEX case_file_reference ON case_file (organization_id, reference);
CREATE INDEX case_file_caseworker ON case_file (organization_id, caseworker_id, stage);
CREATE INDEX case_file_team ON case_file (organization_id, team_id, stage);
CREATE INDEX case_file_person ON case_file (organization_id, person_id);

-- Per-organization numbering of case references ("C-2026-0001").
CREATE TABLE case_counter (
    organization_id UUID NOT NULL REFERENCES organization (id),
    year            INT  NOT NULL,
    last_number     INT  NOT NULL,
    PRIMARY KEY (organization_id, year)
);

-- Per-organization case settings: the follow-up schedule in months after reintegration.
CREATE TABLE case_settings (
    organization_id   UUID PRIMARY KEY REFERENCES organization (id),
    follow_up_months  INT[] NOT NULL,
    version           INT   NOT NULL DEFAULT 0
);

CREATE TABLE case_consent (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    purpose         TEXT        NOT NULL,
    shared_with     BYTEA,
    given_by        TEXT        NOT NULL,
    giver_name      BYTEA,
    method          TEXT        NOT NULL,
    witness         BYTEA,
    given_on        DATE        NOT NULL,
    expires_on      DATE,
    withdrawn_on    DATE,
    withdrawn_by    UUID,
    recorded_by     UUID        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT consent_purpose CHECK (purpose IN ('SERVICES', 'SHARING', 'STATISTICS', 'STORY')),
    CONSTRAINT consent_given_by CHECK (given_by IN ('CHILD', 'GUARDIAN')),
    CONSTRAINT consent_method CHECK (method IN ('SIGNED_PAPER', 'VERBAL_WITH_WITNESS'))
);
CREATE INDEX case_consent_case ON case_consent (organization_id, case_id);

CREATE TABLE case_assessment (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    kind            TEXT        NOT NULL,
    ratings         JSONB       NOT NULL,
    risk_level      TEXT        NOT NULL,
    needs           TEXT[]      NOT NULL,
    details         BYTEA,
    assessed_on     DATE        NOT NULL,
    assessed_by     UUID        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT assessment_kind CHECK (kind IN ('INITIAL', 'REVIEW')),
    CONSTRAINT assessment_risk CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'))
);
CREATE INDEX case_assessment_case ON case_assessment (organization_id, case_id, assessed_on);

CREATE TABLE care_goal (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    need            TEXT        NOT NULL,
    description     BYTEA       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'OPEN',
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT care_goal_status CHECK (status IN ('OPEN', 'ACHIEVED', 'DROPPED'))
);
CREATE INDEX care_goal_case ON care_goal (organization_id, case_id);

CREATE TABLE care_service (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    goal_id         UUID REFERENCES care_goal (id),
    type            TEXT        NOT NULL,
    provider        BYTEA,
    owner_id        UUID,
    due_on          DATE,
    status          TEXT        NOT NULL DEFAULT 'PLANNED',
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         INT         NOT NULL DEFAULT 0,
    CONSTRAINT care_service_status CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DELIVERED', 'CANCELLED'))
);
CREATE INDEX care_service_case ON care_service (organization_id, case_id);
CREATE INDEX care_service_owner ON care_service (organization_id, owner_id, status, due_on);

CREATE TABLE case_note (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    kind            TEXT        NOT NULL,
    happened_on     DATE        NOT NULL,
    body            BYTEA       NOT NULL,
    author_id       UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT case_note_kind CHECK (kind IN ('CONTACT', 'HOME_VISIT', 'PHONE_CALL', 'COURT', 'MEDICAL', 'OTHER'))
);
CREATE INDEX case_note_case ON case_note (organization_id, case_id, happened_on);

CREATE TABLE case_follow_up (
    id               UUID PRIMARY KEY,
    organization_id  UUID        NOT NULL REFERENCES organization (id),
    case_id          UUID        NOT NULL REFERENCES case_file (id),
    months_after     INT         NOT NULL,
    due_on           DATE        NOT NULL,
    done_on          DATE,
    contact          TEXT,
    safety           TEXT,
    school_or_work   TEXT,
    health           TEXT,
    exploitation     TEXT,
    notes            BYTEA,
    recorded_by      UUID,
    CONSTRAINT follow_up_exploitation CHECK (exploitation IN ('NONE', 'AT_RISK', 'RE_EXPLOITED', 'MISSING'))
);
CREATE INDEX case_follow_up_case ON case_follow_up (organization_id, case_id, due_on);
CREATE INDEX case_follow_up_due ON case_follow_up (organization_id, due_on) WHERE done_on IS NULL;

CREATE TABLE case_flag (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    kind            TEXT        NOT NULL,
    reason          BYTEA       NOT NULL,
    raised_by       UUID        NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    cleared_by      UUID,
    cleared_at      TIMESTAMPTZ
);
CREATE INDEX case_flag_case ON case_flag (organization_id, case_id) WHERE cleared_at IS NULL;

CREATE TABLE case_task (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID REFERENCES case_file (id),
    title           BYTEA       NOT NULL,
    assignee_id     UUID        NOT NULL,
    due_on          DATE        NOT NULL,
    done_at         TIMESTAMPTZ,
    reminded_at     TIMESTAMPTZ,
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_task_assignee ON case_task (organization_id, assignee_id, due_on) WHERE done_at IS NULL;

-- What happened in a case, in order: codes and ids only (text lives encrypted in its own table).
CREATE TABLE case_event (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    at              TIMESTAMPTZ NOT NULL,
    kind            TEXT        NOT NULL,
    actor_id        UUID,
    subject_id      UUID,
    detail          TEXT
);
CREATE INDEX case_event_case ON case_event (organization_id, case_id, at);
COMMENT ON TABLE case_event IS 'append-only: the case timeline';

-- In-app alerts ("a case needs attention"), never saying what happened.
CREATE TABLE case_alert (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    user_id         UUID        NOT NULL,
    case_id         UUID,
    kind            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    read_at         TIMESTAMPTZ
);
CREATE INDEX case_alert_user ON case_alert (organization_id, user_id, created_at) WHERE read_at IS NULL;

-- Emergency access to one case outside one's scope: reason (encrypted), time box.
CREATE TABLE break_glass (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    user_id         UUID        NOT NULL,
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    reason          BYTEA       NOT NULL,
    granted_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX break_glass_user ON break_glass (organization_id, user_id, case_id, expires_at);
COMMENT ON TABLE break_glass IS 'append-only: emergency access grants';

-- Files attached to a case: type detected from the bytes, metadata stripped, content encrypted.
CREATE TABLE case_attachment (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    case_id         UUID        NOT NULL REFERENCES case_file (id),
    kind            TEXT        NOT NULL,
    media_type      TEXT        NOT NULL,
    file_name       BYTEA       NOT NULL,
    size_bytes      INT         NOT NULL,
    content         BYTEA       NOT NULL,
    uploaded_by     UUID        NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_attachment_case ON case_attachment (organization_id, case_id);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['person_relation', 'case_file', 'case_counter', 'case_settings', 'case_consent',
        'case_assessment', 'care_goal', 'care_service', 'case_note', 'case_follow_up', 'case_flag', 'case_task',
        'case_event', 'case_alert', 'break_glass', 'case_attachment']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I
            USING (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)
            WITH CHECK (organization_id = NULLIF(current_setting('haven.organization_id', true), '')::uuid)$p$,
            t || '_organization', t);
    END LOOP;
END $$;
