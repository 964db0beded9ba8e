package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTests {

    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void fewFailuresDoNotPause() {
        for (int failures = 0; failures < LockoutPolicy.THRESHOLD; failures++) {
            assertThat(LockoutPolicy.lockedUntil(failures, now)).isNull();
        }
    }

    @Test
    void pausesDoubleAfterTheThresholdUpToAnHour() {
        assertThat(LockoutPolicy.lockedUntil(5, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(LockoutPolicy.lockedUntil(6, now)).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(LockoutPolicy.lockedUntil(7, now)).isEqualTo(now.plus(Duration.ofMinutes(4)));
        assertThat(LockoutPolicy.lockedUntil(12, now)).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(LockoutPolicy.lockedUntil(500, now)).isEqualTo(now.plus(Duration.ofHours(1)));
    }
}
