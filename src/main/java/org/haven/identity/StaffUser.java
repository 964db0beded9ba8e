package org.haven.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A staff account as stored. Secrets (password hash, encrypted TOTP seed) stay inside the identity
 * module; other modules see {@link CurrentUser} or {@link UserView}.
 */
record StaffUser(
        UUID id,
        UUID organizationId,
        UUID teamId,
        String email,
        String displayName,
        String language,
        Role role,
        UserStatus status,
        String passwordHash,
        byte[] totpSecret,
        boolean totpEnabled,
        long totpLastStep,
        int failedAttempts,
        Instant lockedUntil,
        int version) {

    boolean active() {
        return status == UserStatus.ACTIVE;
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** The signed-in view of this account with its role's full permissions. */
    CurrentUser toCurrentUser() {
        return toCurrentUser(role.permissions());
    }

    /** The signed-in view limited to {@code granted} (intersected with the role's permissions). */
    CurrentUser toCurrentUser(Set<Permission> granted) {
        Set<Permission> effective = EnumSet.noneOf(Permission.class);
        effective.addAll(role.permissions());
        effective.retainAll(granted);
        return new CurrentUser(id, organizationId, teamId, email, displayName, role, language, effective);
    }
}
