package org.haven.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something security-relevant happened to an account. Published synchronously inside the transaction
 * of the change, so a listener that fails (the audit trail) rolls the change back.
 *
 * @param kind what happened
 * @param succeeded false for refused attempts
 * @param organizationId the organization of the account concerned (null when unknown)
 * @param actorId who did it (null when nobody is signed in)
 * @param subjectId the account, token, team or organization concerned
 * @param subjectType "staff_user", "api_token", "team" or "organization"
 * @param fields names of changed fields
 * @param details sensitive particulars (typed e-mail, old and new values), to be stored encrypted
 */
public record IdentityEvent(
        Kind kind,
        boolean succeeded,
        UUID organizationId,
        UUID actorId,
        UUID subjectId,
        String subjectType,
        List<String> fields,
        Map<String, String> details) {

    public enum Kind {
        SIGN_IN,
        SIGN_OUT,
        PASSWORD_CHANGED,
        SECOND_FACTOR_CHANGED,
        SECOND_FACTOR_RESET,
        RECOVERY_CODES_REGENERATED,
        PASSKEY_ADDED,
        PASSKEY_REMOVED,
        ACCOUNT_ACTIVATED,
        SESSIONS_ENDED,
        USER_CREATED,
        USER_CHANGED,
        ORGANIZATION_CREATED,
        TEAM_CREATED,
        TOKEN_CREATED,
        TOKEN_REVOKED,
        TOKEN_USED
    }

    public IdentityEvent {
        fields = List.copyOf(fields);
        details = Map.copyOf(details);
    }
}
