package org.haven.intake.routing;

import java.util.List;
import java.util.Locale;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;

/** The closed vocabularies of routing, and the checks that keep stored codes within them. */
final class RoutingCodes {

    static final List<String> CATEGORIES = List.of(
            "CHILD_SEX_TRAFFICKING",
            "CHILD_SEX_TOURISM",
            "ONLINE_EXPLOITATION",
            "ABUSE_MATERIAL",
            "FORCED_LABOUR_BEGGING",
            "OTHER");

    static final List<String> OUTCOMES =
            List.of("NO_ACTION_POSSIBLE", "INVESTIGATED", "RESCUE", "ARRESTS", "PROSECUTION", "REFERRED_ON");

    static final List<String> KINDS = List.of("INSIDE", "OUTSIDE");

    static final int MAX_SUMMARY = 5_000;
    static final int MAX_NOTE = 2_000;

    private RoutingCodes() {}

    /** The codes asked, each one of {@code allowed}, without repeats; refused with {@code key}. */
    static List<String> codes(List<String> asked, List<String> allowed, String key) {
        if (asked == null) {
            return List.of();
        }
        List<String> codes = asked.stream()
                .filter(c -> c != null && !c.isBlank())
                .map(c -> c.strip().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        if (!allowed.containsAll(codes)) {
            throw new Refusal(Status.UNPROCESSABLE, key);
        }
        return codes;
    }

    /** ISO 3166 alpha-2 country codes, upper case, without repeats. */
    static List<String> countries(List<String> asked) {
        if (asked == null) {
            return List.of();
        }
        List<String> codes = asked.stream()
                .filter(c -> c != null && !c.isBlank())
                .map(c -> c.strip().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        if (codes.size() > 50 || !codes.stream().allMatch(c -> c.matches("[A-Z]{2}"))) {
            throw new Refusal(Status.UNPROCESSABLE, "partner.countries.invalid");
        }
        return codes;
    }

    static String outcome(String asked) {
        String code = asked == null ? "" : asked.strip().toUpperCase(Locale.ROOT);
        if (!OUTCOMES.contains(code)) {
            throw new Refusal(Status.UNPROCESSABLE, "referral.outcome.invalid");
        }
        return code;
    }

    /** A note of at most {@link #MAX_NOTE} characters, or null when blank. */
    static String note(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_NOTE) {
            throw new Refusal(Status.UNPROCESSABLE, "referral.note.invalid");
        }
        return text.strip();
    }
}
