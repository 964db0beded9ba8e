package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The spent-token store every node shares, against the real database: two instances stand for two
 * nodes behind a load balancer. Token ids are unique per test, and times lie years ahead of the real
 * clock, so the application's own purge (which uses the real time) never touches these rows.
 */
@HavenTest
class JdbcSpentTokensTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SpentTokens installed;

    final Instant start = Instant.parse("2090-03-01T08:00:00Z");
    final Clock clock = Clock.fixed(start, ZoneOffset.UTC);

    static String token() {
        return "pow:" + UUID.randomUUID();
    }

    @Test
    void theApplicationRunsWithTheSharedStore() {
        assertThat(installed).isInstanceOf(JdbcSpentTokens.class);
    }

    @Test
    void aTokenIsAcceptedOnceAndASecondNodeRefusesIt() {
        JdbcSpentTokens first = new JdbcSpentTokens(jdbc, clock);
        JdbcSpentTokens second = new JdbcSpentTokens(jdbc, clock);
        String token = token();
        Instant until = start.plus(Duration.ofMinutes(30));

        assertThat(first.spend(token, start, until)).isEqualTo(SpentTokens.Outcome.FIRST_USE);
        assertThat(first.spend(token, start, until)).isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
        assertThat(second.spend(token, start, until))
                .as("another node behind the load balancer")
                .isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
        assertThat(second.spend(token(), start, until)).isEqualTo(SpentTokens.Outcome.FIRST_USE);
    }

    @Test
    void onlyAHashOfTheTokenIdIsStored() {
        String token = token();
        new JdbcSpentTokens(jdbc, clock).spend(token, start, start.plusSeconds(60));

        assertThat(jdbc.sql("SELECT count(*) FROM spent_token WHERE token_hash = ?")
                        .param(JdbcSpentTokens.sha256(token))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM spent_token WHERE position(convert_to(?, 'UTF8') IN token_hash) > 0")
                        .param(token.substring(4))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void expiredRowsAreDeletedAndLiveOnesKept() {
        JdbcSpentTokens store = new JdbcSpentTokens(jdbc, clock);
        String expiring = token();
        String live = token();
        store.spend(expiring, start, start.plus(Duration.ofMinutes(1)));
        store.spend(live, start, start.plus(Duration.ofHours(3)));

        // Rows are kept to the end of the hour their token expires in, never to the second.
        int purged = store.purgeExpired(
                JdbcSpentTokens.toNextHour(start.plus(Duration.ofMinutes(1))).plusSeconds(1));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(count(expiring)).isZero();
        assertThat(count(live)).isEqualTo(1);
        assertThat(store.spend(live, start, start.plus(Duration.ofHours(1))))
                .isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
    }

    @Test
    void aTokenIsRefusedUntilItsRowIsPurgedAfterExpiryAndOnlyThenForgotten() {
        JdbcSpentTokens node = new JdbcSpentTokens(jdbc, clock);
        JdbcSpentTokens other = new JdbcSpentTokens(jdbc, clock);
        String token = token();
        Instant expiry = start.plus(Duration.ofMinutes(30));
        node.spend(token, start, expiry);
        Instant later = JdbcSpentTokens.toNextHour(expiry).plusSeconds(1);
        assertThat(jdbc.sql("SELECT expires_at FROM spent_token WHERE token_hash = ?")
                        .param(JdbcSpentTokens.sha256(token))
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .as("kept to the end of the hour, so no row tells when someone opened the form")
                .isEqualTo(JdbcSpentTokens.toNextHour(expiry))
                .isAfterOrEqualTo(expiry);

        assertThat(other.spend(token, later, later.plus(Duration.ofMinutes(30))))
                .as("expired but not yet purged: still refused (its verifier refuses it as expired anyway)")
                .isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
        other.purgeExpired(later);
        assertThat(count(token)).isZero();
        assertThat(node.spend(token, later, later.plus(Duration.ofMinutes(30))))
                .isEqualTo(SpentTokens.Outcome.FIRST_USE);
    }

    @Test
    void purgingDeletesInBatchesUntilNothingExpiredIsLeft() {
        JdbcSpentTokens store = new JdbcSpentTokens(jdbc, clock);
        Instant far = start.plus(Duration.ofDays(365));
        int rows = JdbcSpentTokens.BATCH * 2 + 7;
        jdbc.sql("INSERT INTO spent_token (token_hash, expires_at)"
                        + " SELECT sha256(convert_to(gen_random_uuid()::text, 'UTF8')), ? FROM generate_series(1, ?)")
                .params(java.sql.Timestamp.from(far), rows)
                .update();

        assertThat(store.purgeExpired(far.plusSeconds(1))).isGreaterThanOrEqualTo(rows);
        assertThat(jdbc.sql("SELECT count(*) FROM spent_token WHERE expires_at <= ?")
                        .param(java.sql.Timestamp.from(far))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aSolvedChallengeIsAcceptedByOneNodeOnly() throws Exception {
        byte[] key = Keys.random();
        MutableClock now = new MutableClock(Instant.now());
        ProofOfWork nodeA = new ProofOfWork(key, 4, Duration.ofMinutes(30), now, new JdbcSpentTokens(jdbc, now));
        ProofOfWork nodeB = new ProofOfWork(key, 4, Duration.ofMinutes(30), now, new JdbcSpentTokens(jdbc, now));
        String challenge = nodeA.issue();
        String solution = ProofOfWorkTests.solve(challenge, 4);

        assertThat(nodeA.verify(challenge, solution)).isEqualTo(Verdict.ACCEPTED);
        assertThat(nodeB.verify(challenge, solution)).isEqualTo(Verdict.REPLAYED);
    }

    private int count(String token) {
        return jdbc.sql("SELECT count(*) FROM spent_token WHERE token_hash = ?")
                .param(JdbcSpentTokens.sha256(token))
                .query(Integer.class)
                .single();
    }
}
