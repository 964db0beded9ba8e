package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubmissionLimitsTests {

    /** Bucket4j time the test moves by hand, so nothing ever sleeps. */
    static final class ManualTime implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void advance(Duration step) {
            nanos += step.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();

    private SubmissionLimits limits(long perSecond, long burst, long perCode, int maxCodes) {
        return new SubmissionLimits(
                new SubmissionLimits.Capacities(perSecond, burst, perCode, Duration.ofHours(1), maxCodes), time);
    }

    @Test
    void theGlobalLimitAllowsTheBurstThenRefusesAndSaysWhenToRetry() {
        SubmissionLimits limits = limits(10, 20, 10, 100);
        for (int i = 0; i < 20; i++) {
            assertThat(limits.trySubmit().allowed()).as("submission %d", i).isTrue();
        }

        SubmissionLimits.Decision refused = limits.trySubmit();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void theGlobalLimitRecoversAtItsSustainedRateAsTimePasses() {
        SubmissionLimits limits = limits(10, 20, 10, 100);
        while (limits.trySubmit().allowed()) {}

        time.advance(Duration.ofSeconds(1));
        int allowed = 0;
        while (limits.trySubmit().allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void eachReceiptCodeHasItsOwnHourlyAllowance() {
        SubmissionLimits limits = limits(1_000, 1_000, 10, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryFollowUp("KQ7M-4XRT-9PLA").allowed()).isTrue();
        }

        SubmissionLimits.Decision refused = limits.tryFollowUp("KQ7M-4XRT-9PLA");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(360);
        assertThat(limits.tryFollowUp("ZZ2B-8WQN-3HCE").allowed()).isTrue();

        time.advance(Duration.ofMinutes(6));
        assertThat(limits.tryFollowUp("KQ7M-4XRT-9PLA").allowed()).isTrue();
        assertThat(limits.tryFollowUp("KQ7M-4XRT-9PLA").allowed()).isFalse();
    }

    @Test
    void aCodeTypedWithSpacesHyphensOrAnotherCaseSharesItsBucket() {
        SubmissionLimits limits = limits(1_000, 1_000, 3, 100);

        assertThat(limits.tryFollowUp("KQ7M-4XRT-9PLA").allowed()).isTrue();
        assertThat(limits.tryFollowUp("kq7m 4xrt 9pla").allowed()).isTrue();
        assertThat(limits.tryFollowUp("KQ7M4XRT9PLA").allowed()).isTrue();
        assertThat(limits.tryFollowUp(" kq7m-4xrt-9pla ").allowed()).isFalse();
        assertThat(limits.trackedCodes()).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedHoweverManyCodesAreTried() {
        SubmissionLimits limits = limits(1_000_000, 1_000_000, 10, 500);
        for (int i = 0; i < 20_000; i++) {
            limits.tryFollowUp("CODE" + i);
        }

        assertThat(limits.trackedCodes()).isEqualTo(500);
    }

    @Test
    void followUpsDrawOnTheGlobalLimitAndARefusalThereCostsTheCodeNothing() {
        SubmissionLimits limits = limits(1, 2, 3, 100);
        assertThat(limits.tryFollowUp("A").allowed()).isTrue();
        assertThat(limits.tryFollowUp("A").allowed()).isTrue();

        SubmissionLimits.Decision globallyRefused = limits.tryFollowUp("A");
        assertThat(globallyRefused.allowed()).isFalse();
        assertThat(globallyRefused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.trySubmit().allowed()).isFalse();

        time.advance(Duration.ofSeconds(2));
        assertThat(limits.tryFollowUp("A").allowed())
                .as("the code's third message")
                .isTrue();
        SubmissionLimits.Decision refusedForTheCode = limits.tryFollowUp("A");
        assertThat(refusedForTheCode.allowed()).isFalse();
        assertThat(refusedForTheCode.retryAfterSeconds()).isGreaterThan(1_000);
        assertThat(limits.trySubmit().allowed())
                .as("the code's refusal left the global bucket")
                .isTrue();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(SubmissionLimits.Capacities.DEFAULTS)
                .isEqualTo(new SubmissionLimits.Capacities(300, 1_000, 10, Duration.ofHours(1), 100_000));
        SubmissionLimits limits = new SubmissionLimits(SubmissionLimits.Capacities.DEFAULTS, time);
        int allowed = 0;
        while (limits.trySubmit().allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(1_000);
    }

    @Test
    void anAllowedDecisionHasNothingToWaitFor() {
        assertThat(SubmissionLimits.Decision.ALLOWED.retryAfterSeconds()).isZero();
        assertThat(new SubmissionLimits.Decision(false, Duration.ofMillis(1)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new SubmissionLimits.Decision(false, Duration.ofMillis(2_001)).retryAfterSeconds())
                .isEqualTo(3);
    }
}
