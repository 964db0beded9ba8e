-- Every committed change of an API token or an account tells every Haven process at once (decision 43):
-- the token checks kept in memory (ApiTokens, IdentityChanges) are dropped when a token is revoked, an
-- account suspended or its role changed, whichever process or node made the change (an operator
-- command included). NOTIFY is delivered at commit, only if the transaction commits; the payload names
-- the table only, never a row.
CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('haven_identity', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

-- Every column a token check reads except last_used_at, which each token's use sets once a minute. A
-- column added to api_token that the check reads must be added here.
CREATE TRIGGER api_token_changed
    AFTER UPDATE OF id, user_id, token_hash, permissions, expires_at, revoked_at OR DELETE OR TRUNCATE ON api_token
    FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER staff_user_changed AFTER UPDATE OR DELETE OR TRUNCATE ON staff_user
    FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
