package org.haven.identity;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person as the rest of Haven sees them. Stored in the server-side session, so it holds
 * only identifiers and display data, never secrets.
 *
 * @param id user id
 * @param organizationId the organization the person works for
 * @param teamId their team, or null
 * @param email sign-in address
 * @param displayName name shown in the UI
 * @param role role
 * @param language preferred language tag ("en" or "km")
 * @param permissions what this authentication may do (for an API token, the token's subset)
 */
public record CurrentUser(
        UUID id,
        UUID organizationId,
        UUID teamId,
        String email,
        String displayName,
        Role role,
        String language,
        Set<Permission> permissions)
        implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The stable name sessions are indexed by: the user id (an e-mail can change). */
    @Override
    public String getName() {
        return id.toString();
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public RecordScope scope() {
        return role.scope();
    }

    @Override
    public String toString() {
        return "CurrentUser[id=" + id + ", organizationId=" + organizationId + ", role=" + role + "]";
    }
}
