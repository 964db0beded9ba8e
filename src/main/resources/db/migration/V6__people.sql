-- People known to an organization (survivors first; the case-management issue extends this). Every
-- identifying field is Tink AEAD ciphertext under the organization's key, bound to table, column and
-- row; search goes through person_token, keyed HMACs of normalized, phonetic and trigram tokens.
CREATE TABLE person (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    name            BYTEA       NOT NULL,
    name_khmer      BYTEA,
    aliases         BYTEA,
    sex             TEXT,
    birth_date      BYTEA,
    phone           BYTEA,
    narrative       BYTEA,
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    version         INT         NOT NULL DEFAULT 0,
    CONSTRAINT person_sex CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN'))
);
CREATE INDEX person_organization ON person (organization_id, created_at);

CREATE TABLE person_token (
    organization_id UUID   NOT NULL,
    token           BIGINT NOT NULL,
    person_id       UUID   NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, token, person_id)
);
CREATE INDEX person_token_person ON person_token (person_id);
