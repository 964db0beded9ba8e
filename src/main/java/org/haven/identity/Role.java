package org.haven.identity;

import static org.haven.identity.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** The staff roles of DOMAIN.md, each a fixed set of permissions and a record scope. */
public enum Role {
    HOTLINE_OPERATOR(RecordScope.OWN, SIGN_IN, REPORT_INTAKE),
    TRIAGE_OFFICER(RecordScope.ORGANIZATION, SIGN_IN, REPORT_INTAKE, REPORT_TRIAGE),
    CASEWORKER(RecordScope.OWN, SIGN_IN, CASE_READ, CASE_WRITE),
    SUPERVISOR(
            RecordScope.TEAM,
            SIGN_IN,
            USER_READ,
            CASE_READ,
            CASE_WRITE,
            CASE_APPROVE,
            CASE_ASSIGN,
            BREAK_GLASS,
            ACCESS_LOG_READ),
    PARTNER_STAFF(RecordScope.OWN, SIGN_IN, REFERRAL_RECEIVE),
    ANALYST(RecordScope.ORGANIZATION, SIGN_IN, STATISTICS_READ),
    ORGANIZATION_ADMIN(RecordScope.ORGANIZATION, SIGN_IN, USER_READ, USER_MANAGE, METRICS_READ),
    NETWORK_ADMIN(RecordScope.NETWORK, SIGN_IN, USER_READ, USER_MANAGE, NETWORK_MANAGE, METRICS_READ),
    AUDITOR(RecordScope.ORGANIZATION, SIGN_IN, AUDIT_READ, ACCESS_LOG_READ);

    private final RecordScope scope;
    private final Set<Permission> permissions;

    Role(RecordScope scope, Permission first, Permission... rest) {
        this.scope = scope;
        this.permissions = EnumSet.of(first, rest);
    }

    public RecordScope scope() {
        return scope;
    }

    /** A copy of this role's permissions. */
    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    /** The message-bundle key of this role's human name. */
    public String messageKey() {
        return "role." + name();
    }
}
