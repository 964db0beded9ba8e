package org.haven.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded share of the server for one kind of request (decisions 35 and 38): at most a number of them
 * at once, the others waiting their turn, first come first served, for up to a given time.
 */
public final class Share {

    private final Semaphore permits;
    private final long waitNanos;

    /**
     * @param setting the setting that sizes the share, named when the size is wrong
     * @param permits how many at once
     * @param wait how long the others wait for their turn
     */
    public Share(String setting, int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1");
        }
        this.permits = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
    }

    /** {@code configured} when set (above zero), else the default: twice the processors, at least two. */
    public static int orTwiceTheProcessors(int configured) {
        return configured > 0
                ? configured
                : Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** Waits for a place; false when none came in time. Whoever enters must {@link #leave()}. */
    public boolean enter() {
        try {
            return permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void leave() {
        permits.release();
    }

    /** How many more could enter now (for tests and metrics). */
    public int available() {
        return permits.availablePermits();
    }
}
