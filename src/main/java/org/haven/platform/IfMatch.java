package org.haven.platform;

/**
 * The version an API client read, from its {@code If-Match} header ({@code "3"} or {@code W/"3"}), so
 * a change made on a stale copy is refused instead of overwriting someone else's.
 */
public final class IfMatch {

    private IfMatch() {}

    /**
     * The version named; refusals use the keys {@code <record>.ifMatch.required} (428, no header) and
     * {@code <record>.stale} (412, not a version).
     */
    public static int version(String header, String record) {
        if (header == null || header.isBlank()) {
            throw new Refusal(Refusal.Status.PRECONDITION_REQUIRED, record + ".ifMatch.required");
        }
        try {
            return Integer.parseInt(header.strip().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new Refusal(Refusal.Status.PRECONDITION_FAILED, record + ".stale");
        }
    }
}
