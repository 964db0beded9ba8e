package org.haven.intake.abuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@link SpentTokens} in the PostgreSQL table {@code spent_token}, shared by every node, so a token is
 * accepted once in the whole installation. One {@code INSERT … ON CONFLICT DO NOTHING} per token says
 * whether it was new; it commits on its own, so a token spent stays spent whatever happens next. Only
 * a SHA-256 of the token id is kept, with the time after which the token would be refused as expired
 * anyway; {@link #purgeExpired} deletes rows past that time in small batches (scheduled on every node:
 * deleting is idempotent and skips rows another node holds). A row that outlives its time until the
 * next purge only refuses a token its verifier refuses as expired already. When the database cannot
 * record a token the answer is {@link Outcome#STORE_FULL}: the token is refused, never let through.
 */
public final class JdbcSpentTokens implements SpentTokens {

    private static final Logger log = LoggerFactory.getLogger(JdbcSpentTokens.class);
    static final int BATCH = 5_000;
    private static final int MAX_BATCHES = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcSpentTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Outcome spend(String tokenId, Instant now, Instant keepUntil) {
        try {
            int added = jdbc.sql("INSERT INTO spent_token (token_hash, expires_at) VALUES (?, ?)"
                            + " ON CONFLICT (token_hash) DO NOTHING")
                    .params(sha256(tokenId), Timestamp.from(toNextHour(keepUntil)))
                    .update();
            return added == 1 ? Outcome.FIRST_USE : Outcome.ALREADY_SPENT;
        } catch (DataAccessException failed) {
            log.warn(
                    "A spent token could not be recorded; it is refused: {}",
                    failed.getClass().getSimpleName());
            return Outcome.STORE_FULL;
        }
    }

    /**
     * The end of the hour {@code keepUntil} falls in: a row kept a little longer than needed refuses
     * nothing a person needs, and an exact expiry would keep, to the second, when someone opened the
     * public form (decision 28: nothing keeps a reporter's exact time).
     */
    static Instant toNextHour(Instant keepUntil) {
        Instant hour = keepUntil.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return hour.equals(keepUntil) ? hour : hour.plus(java.time.Duration.ofHours(1));
    }

    /** Deletes the rows of tokens expired before {@code now}, in batches; returns how many went. */
    public int purgeExpired(Instant now) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int deleted = jdbc.sql("""
                            DELETE FROM spent_token WHERE token_hash IN (
                                SELECT token_hash FROM spent_token WHERE expires_at < ?
                                LIMIT ? FOR UPDATE SKIP LOCKED)
                            """).params(Timestamp.from(now), BATCH).update();
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }

    @Scheduled(
            initialDelayString = "${haven.intake.spent-token-purge:5m}",
            fixedDelayString = "${haven.intake.spent-token-purge:5m}")
    void scheduledPurge() {
        try {
            purgeExpired(clock.instant());
        } catch (DataAccessException failed) {
            log.warn(
                    "Expired spent tokens could not be deleted; next time: {}",
                    failed.getClass().getSimpleName());
        }
    }

    static byte[] sha256(String tokenId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(tokenId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }
}
