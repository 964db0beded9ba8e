package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Token checks kept in memory (decision 43) end with any change of the token or its owner: at once when
 * the change is made here, within moments when another process makes it (a notification from
 * PostgreSQL), and nothing is kept while those notifications cannot be heard.
 */
class TokenChecksKeptTests extends IdentityTestSupport {

    @Autowired
    ApiTokens tokens;

    @Autowired
    IdentityChanges changes;

    @Autowired
    HikariDataSource pool;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aTokenRevokedByAnotherProcessIsRefusedWithinMoments() throws Exception {
        Person person = fixtures.person(fixtures.organization("Kept Org"), Role.CASEWORKER);
        var token = tokens.create(person.id(), "kept", Set.of(), Duration.ofDays(1));
        awaitListening();
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(200);
        assertThat(tokens.keeps(token.secret())).isTrue();

        // As an operator command or another node would: its own connection, nothing of this process.
        try (Connection other = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                PreparedStatement revoke =
                        other.prepareStatement("UPDATE api_token SET revoked_at = now() WHERE id = ?")) {
            revoke.setObject(1, token.token().id());
            assertThat(revoke.executeUpdate()).isEqualTo(1);
        }

        // Far sooner than the longest a check is kept (ApiTokens.KEPT_FOR): only the notification can do it.
        assertThat(eventually(() -> !tokens.keeps(token.secret()), Duration.ofSeconds(5)))
                .as("the kept check dropped")
                .isTrue();
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenRevokedHereIsRefusedAtTheVeryNextRequest() {
        Person person = fixtures.person(fixtures.organization("Kept Here Org"), Role.CASEWORKER);
        var token = tokens.create(person.id(), "kept here", Set.of(), Duration.ofDays(1));
        awaitListening();
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(200);
        assertThat(tokens.keeps(token.secret())).isTrue();

        tokens.revoke(person.id(), token.token().id());

        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(401);
    }

    @Test
    void aRoleChangedHereNarrowsTheTokenAtTheVeryNextRequest() {
        java.util.UUID organization = fixtures.organization("Kept Role Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.SUPERVISOR);
        String workerToken = fixtures.token(worker);
        awaitListening();
        assertThat(api.get("/api/v1/me", workerToken).body()).contains("\"role\":\"SUPERVISOR\"");

        assertThat(api.patch(
                                "/api/v1/users/" + worker.id(),
                                fixtures.token(admin),
                                "{\"role\":\"CASEWORKER\"}",
                                "\"0\"")
                        .statusCode())
                .isEqualTo(200);

        assertThat(api.get("/api/v1/me", workerToken).body()).contains("\"role\":\"CASEWORKER\"");
    }

    @Test
    void nothingIsKeptWhileChangesCannotBeHeard() {
        Person person = fixtures.person(fixtures.organization("Deaf Org"), Role.CASEWORKER);
        var token = tokens.create(person.id(), "deaf", Set.of(), Duration.ofDays(1));
        awaitListening();
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(200);
        assertThat(tokens.keeps(token.secret())).isTrue();

        // The listening connection is cut, as when the database restarts.
        assertThat(jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity" + " WHERE query = 'LISTEN "
                                + IdentityChanges.CHANNEL + "'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        assertThat(eventually(() -> !changes.listening(), Duration.ofSeconds(5)))
                .isTrue();
        assertThat(tokens.keeps(token.secret())).isFalse();
        // Still served, from the database, while it listens again.
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(200);
        awaitListening();
        assertThat(api.get("/api/v1/me", token.secret()).statusCode()).isEqualTo(200);
        assertThat(tokens.keeps(token.secret())).isTrue();
    }

    private void awaitListening() {
        changes.generation();
        assertThat(eventually(changes::listening, Duration.ofSeconds(10)))
                .as("listening for changes")
                .isTrue();
    }

    private static boolean eventually(BooleanSupplier condition, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
