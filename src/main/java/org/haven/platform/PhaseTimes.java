package org.haven.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent per named phase, summed over threads (so parallel phases may add up to more than the
 * wall clock): a cheap profile of bulk loads. Names only, never data.
 */
public final class PhaseTimes {

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts {@code n} more of something (rows of a table). */
    public void count(String what, long n) {
        counts.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }

    /** The counts, by name. */
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((what, total) -> result.put(what, total.sum()));
        return result;
    }

    /** Adds the time since {@code started} (a {@link System#nanoTime()}) to the phase; returns now. */
    public long since(String phase, long started) {
        long now = System.nanoTime();
        nanos.computeIfAbsent(phase, k -> new LongAdder()).add(now - started);
        return now;
    }

    /** Seconds per phase, by name. */
    public Map<String, Double> seconds() {
        Map<String, Double> seconds = new TreeMap<>();
        nanos.forEach((phase, total) -> seconds.put(phase, total.sum() / 1e9));
        return seconds;
    }

    public void reset() {
        nanos.clear();
        counts.clear();
    }
}
