-- Per-organization keysets, each a Tink keyset encrypted ("wrapped") by the installation's key
-- encryption key (the master key file today, a KMS later). FIELDS encrypts sensitive columns
-- (AES-256-GCM), INDEX computes blind indexes (HMAC-SHA-256), SIGNING signs audit checkpoints
-- (Ed25519, installation-wide). organization_id 00000000-0000-0000-0000-000000000000 is the
-- installation itself. A destroyed keyset keeps its row (wrapped = NULL) so the erasure is visible.
CREATE TABLE vault_keyset (
    organization_id UUID        NOT NULL,
    purpose         TEXT        NOT NULL,
    wrapped         BYTEA,
    primary_key_id  BIGINT,
    version         INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at      TIMESTAMPTZ,
    destroyed_at    TIMESTAMPTZ,
    PRIMARY KEY (organization_id, purpose),
    CONSTRAINT vault_keyset_purpose CHECK (purpose IN ('FIELDS', 'INDEX', 'SIGNING')),
    CONSTRAINT vault_keyset_destroyed CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
);

-- A key rotation in progress or finished: re-encryption of every registered column, in batches,
-- resumable after a restart.
CREATE TABLE vault_rotation (
    organization_id UUID PRIMARY KEY,
    target_key_id   BIGINT      NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    reencrypted     BIGINT      NOT NULL DEFAULT 0
);

-- Proof that the master key in use is the one this database was created with: a value encrypted
-- under it. A lost or substituted key file is refused at start-up instead of silently replaced.
CREATE TABLE vault_check (
    id          INT PRIMARY KEY CHECK (id = 1),
    check_value BYTEA NOT NULL
);
