package org.haven.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One wrk run as printed by {@code bench/http/common.lua}'s {@code done()}: a single line starting
 * with {@code HAVEN-WRK} and {@code key=value} pairs (latencies in microseconds).
 */
record WrkResult(
        long requests,
        double seconds,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double maxMillis,
        long socketErrors,
        long statusErrors,
        long accepted,
        long refused) {

    static final String MARKER = "HAVEN-WRK ";

    /** Requests completed per second. */
    double perSecond() {
        return requests / seconds;
    }

    /** Requests the script counted as accepted (a receipt, an applied change) per second. */
    double acceptedPerSecond() {
        return accepted / seconds;
    }

    /** Parses the {@code HAVEN-WRK} line out of wrk's whole output. */
    static WrkResult parse(String output) {
        String line = output.lines()
                .filter(l -> l.startsWith(MARKER))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalArgumentException("no " + MARKER.strip() + " line in wrk's output"));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(MARKER.length()).trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not key=value: " + pair);
            }
            values.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
        }
        return new WrkResult(
                get(values, "requests"),
                get(values, "duration_us") / 1e6,
                get(values, "p50_us") / 1e3,
                get(values, "p95_us") / 1e3,
                get(values, "p99_us") / 1e3,
                get(values, "max_us") / 1e3,
                get(values, "connect_errors")
                        + get(values, "read_errors")
                        + get(values, "write_errors")
                        + get(values, "timeouts"),
                get(values, "status_errors"),
                values.getOrDefault("accepted", 0L),
                values.getOrDefault("refused", 0L));
    }

    private static long get(Map<String, Long> values, String key) {
        Long value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("wrk's summary lacks " + key);
        }
        return value;
    }
}
