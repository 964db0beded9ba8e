package org.haven.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The closed vocabulary of what a person may do in Haven. Roles grant sets of these; API tokens carry
 * a subset of their owner's. Check them with {@link Requires}, never with strings.
 */
public enum Permission {
    /** Use Haven at all: the home page, one's own account, one's own API tokens. */
    SIGN_IN,
    /** See the staff of one's organization. */
    USER_READ,
    /** Invite, suspend and change staff of one's organization. */
    USER_MANAGE,
    /** Create organizations and manage staff across the network. */
    NETWORK_MANAGE,
    /** Record reports taken by phone, messenger or in person. */
    REPORT_INTAKE,
    /** Classify, prioritize and route reports. */
    REPORT_TRIAGE,
    /** Read survivors' cases within one's scope. */
    CASE_READ,
    /** Create and change cases within one's scope. */
    CASE_WRITE,
    /** Approve care plans and closures. */
    CASE_APPROVE,
    /** Assign and reassign cases. */
    CASE_ASSIGN,
    /** Work on what another organization referred. */
    REFERRAL_RECEIVE,
    /** Read de-identified statistics. */
    STATISTICS_READ,
    /** Read the audit trail. */
    AUDIT_READ,
    /** Read who read, searched or changed one record, and its change history. */
    ACCESS_LOG_READ,
    /** Read operational metrics. */
    METRICS_READ,
    /** Open a record outside one's scope in an emergency, with a reason. */
    BREAK_GLASS;

    /** The permission with this name (case and surrounding spaces ignored), if there is one. */
    public static java.util.Optional<Permission> named(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        String wanted = name.strip().toUpperCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(values())
                .filter(p -> p.name().equals(wanted))
                .findFirst();
    }

    private final String authority = "PERMISSION_" + name();

    /** The Spring Security authority name for this permission. */
    public String authority() {
        return authority;
    }

    /** Whether this authentication (null: nobody signed in) carries this permission. */
    public boolean heldBy(Authentication authentication) {
        if (authentication == null) {
            return false;
        }
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
