package org.haven.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.haven.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time activation links for invited staff. The token (256 random bits) is shown to the inviting
 * administrator and e-mailed; only its SHA-256 is stored. A new invitation replaces older links.
 */
@Component
class Activations {

    static final Duration LIFETIME = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;

    Activations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Issues a new token for {@code userId}, invalidating earlier ones. */
    String issue(UUID userId) {
        jdbc.sql("UPDATE activation_token SET used_at = now() WHERE user_id = ? AND used_at IS NULL")
                .param(userId)
                .update();
        String token = Secrets.randomToken(32);
        jdbc.sql("INSERT INTO activation_token (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(
                        Secrets.sha256(token),
                        userId,
                        Timestamp.from(clock.instant().plus(LIFETIME)))
                .update();
        return token;
    }

    /** The account a token activates, if the token is known, unused and unexpired. */
    Optional<UUID> peek(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT user_id FROM activation_token WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(Secrets.sha256(token), Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional();
    }

    /** Marks the token used; false when it was already used (a second click, a race). */
    boolean consume(String token) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE activation_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                                + " AND expires_at > ?")
                        .params(Timestamp.from(now), Secrets.sha256(token), Timestamp.from(now))
                        .update()
                == 1;
    }
}
