package org.haven.identity;

import java.util.UUID;

/**
 * What administrators and the API see of a staff account: no secrets.
 *
 * @param version optimistic-lock version; send it back to change the account
 */
public record UserView(
        UUID id,
        UUID organizationId,
        String organizationName,
        UUID teamId,
        String teamName,
        String email,
        String displayName,
        String language,
        Role role,
        UserStatus status,
        boolean secondFactorEnrolled,
        int version) {}
