-- Organizations, teams and staff accounts. Staff e-mail addresses are stored in clear because sign-in
-- looks them up; survivors' and reporters' data never lives here.
CREATE TABLE organization (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version    INT         NOT NULL DEFAULT 0,
    CONSTRAINT organization_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX organization_name_unique ON organization (lower(name));

CREATE TABLE team (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    name            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT team_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX team_name_unique ON team (organization_id, lower(name));

CREATE TABLE staff_user (
    id                  UUID PRIMARY KEY,
    organization_id     UUID        NOT NULL REFERENCES organization (id),
    team_id             UUID REFERENCES team (id),
    email               TEXT        NOT NULL,
    display_name        TEXT        NOT NULL,
    preferred_language  TEXT        NOT NULL DEFAULT 'en',
    role                TEXT        NOT NULL,
    status              TEXT        NOT NULL,
    password_hash       TEXT,
    totp_secret         BYTEA,
    totp_enabled        BOOLEAN     NOT NULL DEFAULT false,
    totp_last_step      BIGINT      NOT NULL DEFAULT 0,
    failed_attempts     INT         NOT NULL DEFAULT 0,
    locked_until        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    version             INT         NOT NULL DEFAULT 0,
    CONSTRAINT staff_user_status CHECK (status IN ('INVITED', 'ACTIVE', 'SUSPENDED')),
    CONSTRAINT staff_user_language CHECK (preferred_language IN ('en', 'km')),
    CONSTRAINT staff_user_email_length CHECK (char_length(email) BETWEEN 3 AND 254),
    CONSTRAINT staff_user_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX staff_user_email_unique ON staff_user (lower(email));
CREATE INDEX staff_user_organization ON staff_user (organization_id);

-- Single-use recovery codes for a lost second factor, stored as SHA-256 of 80-bit random codes.
CREATE TABLE recovery_code (
    id              UUID PRIMARY KEY,
    user_id         UUID        NOT NULL REFERENCES staff_user (id),
    code_hash       BYTEA       NOT NULL,
    used_at         TIMESTAMPTZ
);
CREATE INDEX recovery_code_user ON recovery_code (user_id);

-- One-time activation links for invited users, stored as SHA-256 of a 256-bit random token.
CREATE TABLE activation_token (
    token_hash  BYTEA PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES staff_user (id),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX activation_token_user ON activation_token (user_id);

-- Personal API tokens, stored as SHA-256 of a 256-bit random secret.
CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES staff_user (id),
    name         TEXT        NOT NULL,
    token_hash   BYTEA       NOT NULL UNIQUE,
    permissions  TEXT[]      NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT api_token_name_length CHECK (char_length(name) BETWEEN 1 AND 100)
);
CREATE INDEX api_token_user ON api_token (user_id);

-- A small key-value store for installation facts (for example, that the demo network was seeded).
CREATE TABLE installation_fact (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
