package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ProofOfWorkTests {

    private static final int BITS = 12;

    private final byte[] key = Keys.random();
    private final MutableClock clock = new MutableClock();
    private final ProofOfWork pow = powWith(key, BITS);

    private ProofOfWork powWith(byte[] signingKey, int bits) {
        return new ProofOfWork(signingKey, bits, Duration.ofMinutes(30), clock, new InMemorySpentTokens());
    }

    /** The first counter, as text, whose hash has a number of leading zero bits matching {@code wanted}. */
    static String counterWith(String challenge, IntPredicate wanted) throws Exception {
        return counterWith(challenge, wanted, 0);
    }

    static String counterWith(String challenge, IntPredicate wanted, long from) throws Exception {
        for (long counter = from; ; counter++) {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest((challenge + counter).getBytes(StandardCharsets.UTF_8));
            if (wanted.test(ProofOfWork.leadingZeroBits(hash))) {
                return Long.toString(counter);
            }
        }
    }

    static String solve(String challenge, int bits) throws Exception {
        return counterWith(challenge, zeros -> zeros >= bits);
    }

    @Test
    void aValidSolutionIsAcceptedOnceAndRefusedAsAReplayAfterwards() throws Exception {
        String challenge = pow.issue();
        String solution = solve(challenge, BITS);

        assertThat(pow.verify(challenge, solution)).isEqualTo(Verdict.ACCEPTED);
        assertThat(pow.verify(challenge, solution)).isEqualTo(Verdict.REPLAYED);
        String another = counterWith(challenge, zeros -> zeros >= BITS, Long.parseLong(solution) + 1);
        assertThat(pow.verify(challenge, another))
                .as("another solution to a spent challenge")
                .isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void aChallengeWithAnyByteOfItsPayloadChangedIsRefusedAsForged() throws Exception {
        String challenge = pow.issue();
        for (int position : new int[] {0, 5, 20, 33, 40, 70}) {
            char original = challenge.charAt(position);
            String tampered = challenge.substring(0, position)
                    + (original == 'A' ? 'B' : 'A')
                    + challenge.substring(position + 1);
            assertThat(pow.verify(tampered, solve(tampered, BITS)))
                    .as("changed at %d", position)
                    .isEqualTo(Verdict.FORGED);
        }
    }

    @Test
    void aChallengeSignedWithAnotherKeyIsRefusedAsForged() throws Exception {
        String foreign = powWith(Keys.random(), BITS).issue();

        assertThat(pow.verify(foreign, solve(foreign, BITS))).isEqualTo(Verdict.FORGED);
    }

    @Test
    void aChallengeIsAcceptedUntilItsMaximumAgeAndRefusedAsExpiredAfter() throws Exception {
        String young = pow.issue();
        String old = pow.issue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(pow.verify(young, solve(young, BITS))).isEqualTo(Verdict.ACCEPTED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(pow.verify(old, solve(old, BITS))).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aSolutionWhoseHashHasNoLeadingZeroBitsIsRefused() throws Exception {
        String challenge = pow.issue();

        assertThat(pow.verify(challenge, counterWith(challenge, zeros -> zeros == 0)))
                .isEqualTo(Verdict.WRONG_SOLUTION);
    }

    @Test
    void aSolutionOneBitShortOfTheDifficultyIsRefusedAndDoesNotSpendTheChallenge() throws Exception {
        String challenge = pow.issue();

        assertThat(pow.verify(challenge, counterWith(challenge, zeros -> zeros == BITS - 1)))
                .isEqualTo(Verdict.WRONG_SOLUTION);
        assertThat(pow.verify(challenge, counterWith(challenge, zeros -> zeros == BITS)))
                .isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void raisingTheDifficultyRefusesSolutionsToChallengesIssuedEasier() throws Exception {
        String easy = pow.issue();
        ProofOfWork stricter = powWith(key, BITS + 4);

        assertThat(stricter.verify(easy, counterWith(easy, zeros -> zeros >= BITS && zeros < BITS + 4)))
                .isEqualTo(Verdict.WRONG_SOLUTION);
        assertThat(stricter.verify(easy, solve(easy, BITS + 4))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void malformedChallengesAndSolutionsAreRefusedWithoutHashing() throws Exception {
        String challenge = pow.issue();
        String solution = solve(challenge, BITS);

        assertThat(pow.verify(null, solution)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify("", solution)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge + "A", solution)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge.replace(challenge.charAt(3), '+'), solution))
                .isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge, null)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge, "")).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge, "+" + solution)).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge, "12345678901234567")).isEqualTo(Verdict.MALFORMED);
        assertThat(pow.verify(challenge, solution)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void challengesAreUrlSafeAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String challenge = pow.issue();
            assertThat(challenge).matches("[A-Za-z0-9_-]{78}");
            assertThat(seen.add(challenge)).isTrue();
        }
    }

    @Test
    void aFullSpentStoreRefusesValidSolutionsAsBusyRatherThanForgetting() throws Exception {
        ProofOfWork small = new ProofOfWork(key, BITS, Duration.ofMinutes(30), clock, new InMemorySpentTokens(1));
        String first = small.issue();
        String second = small.issue();

        assertThat(small.verify(first, solve(first, BITS))).isEqualTo(Verdict.ACCEPTED);
        assertThat(small.verify(second, solve(second, BITS))).isEqualTo(Verdict.BUSY);
        assertThat(small.verify(first, solve(first, BITS))).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void theSigningKeyMustBe32BytesAndTheDifficultySensible() {
        assertThatThrownBy(() -> new ProofOfWork(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> powWith(key, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> powWith(key, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProofOfWork(key).difficulty()).isEqualTo(16);
    }

    @Test
    void leadingZeroBitsAreCountedAcrossBytes() {
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80, 0})).isZero();
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0x01, 0})).isEqualTo(7);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0x10})).isEqualTo(11);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
    }
}
