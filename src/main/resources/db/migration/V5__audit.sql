-- The audit trail. Writers only insert events, in the transaction of the work they record; each
-- event notes its transaction id. A single sealer later appends the events of finished transactions,
-- ordered by (transaction id, sequence), to the hash chain in audit_seal; checkpoints sign the chain
-- head with the installation's Ed25519 key. The application's role may insert and read these tables,
-- never change or remove rows (see ApplicationRole and the triggers below); `./haven admin audit
-- verify` detects what someone with superuser rights did anyway.
CREATE SEQUENCE audit_event_seq;

CREATE TABLE audit_event (
    id              UUID        PRIMARY KEY,
    xid             BIGINT      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    seq             BIGINT      NOT NULL DEFAULT nextval('audit_event_seq'),
    occurred_at     TIMESTAMPTZ NOT NULL,
    organization_id UUID,
    actor_id        UUID,
    channel         TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    outcome         TEXT        NOT NULL,
    record_type     TEXT,
    record_id       UUID,
    fields          TEXT        NOT NULL DEFAULT '',
    details         BYTEA
);
CREATE INDEX audit_event_order ON audit_event (xid, seq);
CREATE INDEX audit_event_record ON audit_event (record_id, occurred_at) WHERE record_id IS NOT NULL;
CREATE INDEX audit_event_actor ON audit_event (actor_id, occurred_at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_event_organization ON audit_event (organization_id, occurred_at);
COMMENT ON TABLE audit_event IS 'append-only: audit events, written in the transaction of the work they record';

CREATE TABLE audit_seal (
    position  BIGINT      PRIMARY KEY,
    event_id  UUID        NOT NULL UNIQUE,
    xid       BIGINT      NOT NULL,
    seq       BIGINT      NOT NULL,
    digest    BYTEA       NOT NULL,
    chain     BYTEA       NOT NULL,
    sealed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE audit_seal IS 'append-only: the hash chain over audit events, in sealing order';

CREATE TABLE audit_checkpoint (
    position  BIGINT      PRIMARY KEY,
    chain     BYTEA       NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    signature BYTEA       NOT NULL
);
COMMENT ON TABLE audit_checkpoint IS 'append-only: Ed25519 signatures over the chain head';

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
