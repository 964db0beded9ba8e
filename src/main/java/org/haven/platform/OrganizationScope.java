package org.haven.platform;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Names the organization whose rows the current transaction may touch, for PostgreSQL's row-level
 * security (the policies compare {@code organization_id} with {@code haven.organization_id}). It
 * lasts until the transaction ends. Queries still filter by organization themselves: this is the
 * second wall, for the query that forgets.
 */
public final class OrganizationScope {

    private static final String SET = "SELECT set_config('haven.organization_id', ?, true)";

    private OrganizationScope() {}

    /** Must run inside a transaction; outside one the setting would end with the statement. */
    public static void enter(JdbcClient jdbc, UUID organization) {
        RoundTrip.Statement set = statement(organization);
        jdbc.sql(set.sql()).params(set.params()).query(String.class).single();
    }

    /**
     * The statement that enters the scope, to send in one round trip with the transaction's first
     * statements ({@link RoundTrip}); the caller must be in a transaction, as for {@link #enter}.
     */
    public static RoundTrip.Statement statement(UUID organization) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("OrganizationScope needs a transaction");
        }
        return RoundTrip.Statement.of(SET, organization.toString());
    }
}
