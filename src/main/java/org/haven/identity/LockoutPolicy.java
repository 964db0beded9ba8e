package org.haven.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Growing back-off after repeated sign-in failures: after {@link #THRESHOLD} failures in a row the
 * account is paused for one minute, and each further failure doubles the pause, up to one hour.
 * Attempts during a pause are refused without being counted, so a pause cannot be stretched forever
 * and an attacker gets at most one guess per pause.
 */
final class LockoutPolicy {

    static final int THRESHOLD = 5;
    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    static final Duration LONGEST_PAUSE = Duration.ofHours(1);

    private LockoutPolicy() {}

    /** When the account unlocks after its {@code failures}-th failure in a row, or null if it stays open. */
    static Instant lockedUntil(int failures, Instant now) {
        if (failures < THRESHOLD) {
            return null;
        }
        int doublings = Math.min(failures - THRESHOLD, 10);
        Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
        if (pause.compareTo(LONGEST_PAUSE) > 0) {
            pause = LONGEST_PAUSE;
        }
        return now.plus(pause);
    }
}
