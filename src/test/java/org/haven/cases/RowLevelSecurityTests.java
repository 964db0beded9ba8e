package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.haven.HavenTest;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.OrganizationScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second wall: even a query that forgets to filter by organization sees only the organization
 * of its transaction's scope, none without a scope, and cannot write rows for another organization.
 */
@HavenTest
class RowLevelSecurityTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aQueryWithoutAnOrganizationFilterSeesOnlyItsScope() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        CurrentUser one = fixtures.actor(fixtures.organization("Wall one"), Role.CASEWORKER);
        CurrentUser other = fixtures.actor(fixtures.organization("Wall other"), Role.CASEWORKER);
        people.register(one, new PersonInput("Mealea One", null, null, null, null, null, null));
        UUID theirs = people.register(other, new PersonInput("Mealea Other", null, null, null, null, null, null))
                .id();

        Long seen = transactions.execute(status -> {
            OrganizationScope.enter(jdbc, one.organizationId());
            return jdbc.sql("SELECT count(*) FROM person WHERE id = ? OR true")
                    .param(theirs)
                    .query(Long.class)
                    .single();
        });
        Long theirsSeen = transactions.execute(status -> {
            OrganizationScope.enter(jdbc, one.organizationId());
            return jdbc.sql("SELECT count(*) FROM person WHERE id = ?")
                    .param(theirs)
                    .query(Long.class)
                    .single();
        });
        assertThat(seen).isEqualTo(1);
        assertThat(theirsSeen).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single())
                .as("no scope, nothing")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM person_token")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    OrganizationScope.enter(jdbc, one.organizationId());
                    jdbc.sql("UPDATE person SET sex = 'OTHER' WHERE id = ?")
                            .param(theirs)
                            .update();
                    jdbc.sql("INSERT INTO person (id, organization_id, name, created_by) VALUES (?, ?, '\\\\x00', ?)")
                            .params(UUID.randomUUID(), other.organizationId(), one.id())
                            .update();
                }))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> OrganizationScope.enter(jdbc, one.organizationId()))
                .as("a scope outside a transaction would not last")
                .isInstanceOf(IllegalStateException.class);
    }
}
