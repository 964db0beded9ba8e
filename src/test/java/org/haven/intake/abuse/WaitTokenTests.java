package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTokenTests {

    private final byte[] key = Keys.random();
    private final MutableClock clock = new MutableClock();
    private final WaitToken tokens = waitTokensWith(key);

    private WaitToken waitTokensWith(byte[] signingKey) {
        return new WaitToken(
                signingKey, Duration.ofSeconds(20), Duration.ofMinutes(30), clock, new InMemorySpentTokens());
    }

    @Test
    void aTokenIsRefusedBeforeItsDelayAndAcceptedOnceItHasPassed() {
        String token = tokens.issue();

        assertThat(tokens.verify(token)).isEqualTo(Verdict.TOO_EARLY);
        clock.advance(Duration.ofSeconds(19));
        assertThat(tokens.verify(token)).isEqualTo(Verdict.TOO_EARLY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aTokenIsAcceptedOnlyOnce() {
        String token = tokens.issue();
        clock.advance(Duration.ofMinutes(2));

        assertThat(tokens.verify(token)).isEqualTo(Verdict.ACCEPTED);
        assertThat(tokens.verify(token)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void eachTokenWaitsItsOwnDelay() {
        String early = tokens.issue();
        clock.advance(Duration.ofSeconds(15));
        String late = tokens.issue();
        clock.advance(Duration.ofSeconds(5));

        assertThat(tokens.verify(early)).isEqualTo(Verdict.ACCEPTED);
        assertThat(tokens.verify(late)).isEqualTo(Verdict.TOO_EARLY);
    }

    @Test
    void aTokenIsRefusedAsExpiredAfterItsMaximumAge() {
        String token = tokens.issue();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertThat(tokens.verify(token)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anAlteredTokenOrOneSignedWithAnotherKeyIsRefusedAsForged() {
        String token = tokens.issue();
        String foreign = waitTokensWith(Keys.random()).issue();
        String altered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.verify(foreign)).isEqualTo(Verdict.FORGED);
        assertThat(tokens.verify(altered)).isEqualTo(Verdict.FORGED);
        assertThat(tokens.verify(token)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aProofOfWorkChallengeUnderTheSameKeyIsNoWaitTokenAndTheOtherWayRound() throws Exception {
        ProofOfWork pow = new ProofOfWork(key, 8, Duration.ofMinutes(30), clock, new InMemorySpentTokens());
        String challenge = pow.issue();
        String token = tokens.issue();
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.verify(challenge)).isEqualTo(Verdict.MALFORMED);
        assertThat(tokens.verify(null)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(token, "0")).isEqualTo(Verdict.MALFORMED);
        assertThat(tokens.verify(token)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void theDelayMustBeShorterThanTheMaximumAge() {
        assertThatThrownBy(() -> new WaitToken(
                        key, Duration.ofMinutes(5), Duration.ofMinutes(5), clock, new InMemorySpentTokens()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WaitToken(key).delay()).isEqualTo(Duration.ofSeconds(20));
    }
}
