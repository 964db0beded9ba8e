package org.haven.identity;

import java.util.UUID;

/**
 * What is needed to create an account.
 *
 * @param organizationId the organization, or null for the administrator's own
 * @param teamId optional team in that organization
 * @param language "en" or "km"
 */
public record NewUser(UUID organizationId, UUID teamId, String email, String displayName, Role role, String language) {}
