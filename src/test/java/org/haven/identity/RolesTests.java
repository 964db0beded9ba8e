package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The role table of DOMAIN.md: who may do what, and how far their records reach. */
class RolesTests {

    @Test
    void everyRoleMaySignInAndOnlyNetworkAdministratorsManageTheNetwork() {
        for (Role role : Role.values()) {
            assertThat(role.permissions()).as(role.name()).contains(Permission.SIGN_IN);
        }
        assertThat(Arrays.stream(Role.values()).filter(r -> r.permissions().contains(Permission.NETWORK_MANAGE)))
                .containsExactly(Role.NETWORK_ADMIN);
        assertThat(Role.AUDITOR.permissions())
                .containsExactlyInAnyOrder(Permission.SIGN_IN, Permission.AUDIT_READ, Permission.ACCESS_LOG_READ);
        assertThat(Role.ANALYST.permissions()).doesNotContain(Permission.CASE_READ);
        assertThat(Role.PARTNER_STAFF.permissions()).doesNotContain(Permission.CASE_READ, Permission.USER_READ);
    }

    @Test
    void scopesReachOutward() {
        assertThat(RecordScope.NETWORK.covers(RecordScope.ORGANIZATION)).isTrue();
        assertThat(RecordScope.TEAM.covers(RecordScope.OWN)).isTrue();
        assertThat(RecordScope.OWN.covers(RecordScope.TEAM)).isFalse();
        assertThat(Role.CASEWORKER.scope()).isEqualTo(RecordScope.OWN);
        assertThat(Role.SUPERVISOR.scope()).isEqualTo(RecordScope.TEAM);
        assertThat(Role.NETWORK_ADMIN.scope()).isEqualTo(RecordScope.NETWORK);
    }

    @Test
    void permissionsArePrefixedAuthorities() {
        assertThat(Permission.USER_MANAGE.authority()).isEqualTo("PERMISSION_USER_MANAGE");
        Role.CASEWORKER.permissions().clear();
        assertThat(Role.CASEWORKER.permissions()).as("a copy is handed out").isNotEmpty();
    }
}
