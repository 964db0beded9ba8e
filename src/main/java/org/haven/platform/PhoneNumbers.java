package org.haven.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers and online handles as people write them, reduced to what identifies them, so the
 * same number or account typed two ways gives one blind-index token.
 */
public final class PhoneNumbers {

    /** Country codes of the region, dropped from international numbers so they match national ones. */
    private static final List<String> REGION_CODES = List.of("855", "856", "66", "84", "95", "86", "60", "63", "62");

    /** Where one number or handle ends and the next begins in a free-text list. */
    private static final Pattern SEPARATORS = Pattern.compile("[,;/|\\n\\r\\t]+|\\s{2,}|\\s+(?:or|and|ou|und)\\s+");

    private static final Pattern LINK_PREFIX = Pattern.compile(
            "^(?:https?://)?(?:www\\.|m\\.)?(?:t\\.me|telegram\\.me|facebook\\.com|fb\\.com|instagram\\.com|tiktok\\.com"
                    + "|x\\.com|twitter\\.com|line\\.me/ti/p)/+");

    private PhoneNumbers() {}

    /**
     * The digits of a phone number that identify it in its country: "+855 12 345 678", "00855 12345678"
     * and "012 345 678" all give "12345678". Khmer and other digits count as digits.
     */
    public static String digits(String value) {
        String trimmed = value.strip();
        StringBuilder digits = new StringBuilder();
        trimmed.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.getNumericValue(c)));
        String number = digits.toString();
        boolean international = trimmed.startsWith("+") || number.startsWith("00");
        number = number.replaceFirst("^00", "");
        if (international || (number.startsWith("855") && number.length() >= 11)) {
            for (String code : REGION_CODES) {
                if (number.startsWith(code)) {
                    number = number.substring(code.length());
                    break;
                }
            }
        }
        return number.replaceFirst("^0+", "");
    }

    /**
     * The phone numbers in a free-text list ("012 345 678, +855 98 765 432"), each as {@link #digits};
     * parts with fewer than six digits are not numbers anyone could be found by.
     */
    public static Set<String> numbersIn(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String part : parts(text)) {
            String digits = digits(part);
            if (digits.length() >= 6 && digits.length() <= 15) {
                numbers.add(digits);
            }
        }
        return numbers;
    }

    /**
     * The online handles in a free-text list ("@sokha_88, t.me/sokha88"): lower case, without "@" or the
     * address of the service, so a handle and a link to it match.
     */
    public static Set<String> handlesIn(String text) {
        Set<String> handles = new LinkedHashSet<>();
        for (String part : parts(text)) {
            String handle = part.strip().toLowerCase(Locale.ROOT);
            handle = LINK_PREFIX.matcher(handle).replaceFirst("");
            handle = handle.replaceFirst("^@+", "").replaceFirst("[/?#].*$", "").strip();
            if (handle.length() >= 3 && !handle.contains(" ")) {
                handles.add(handle);
            }
        }
        return handles;
    }

    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return parts;
        }
        for (String part : SEPARATORS.split(text)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
