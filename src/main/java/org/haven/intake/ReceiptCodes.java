package org.haven.intake;

import java.security.SecureRandom;
import java.util.Locale;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Receipt codes: 24 characters from an alphabet without look-alikes, shown in six groups of four
 * (about 118 bits). The first two groups are the handle that finds the report; only the Argon2id hash
 * of the other four (about 78 bits) is stored, so the database alone cannot read a report's
 * conversation. With that much entropy a light Argon2id (1 MiB, one pass) costs an attacker as much as
 * guessing does, and keeps the public form fast under load.
 */
final class ReceiptCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int GROUPS = 6;
    static final int HANDLE_GROUPS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Argon2PasswordEncoder ARGON2 = new Argon2PasswordEncoder(16, 32, 1, 1024, 1);

    /** A code, split into what is stored as is and what is stored only as a hash. */
    record Code(String handle, String secret) {

        /** As shown to the person: six groups of four characters joined by dashes, such as 7K4M-2QWE-…. */
        String shown() {
            String all = handle + secret;
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < all.length(); i += 4) {
                if (i > 0) {
                    text.append('-');
                }
                text.append(all, i, i + 4);
            }
            return text.toString();
        }
    }

    private ReceiptCodes() {}

    static Code next() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < GROUPS * 4; i++) {
            all.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new Code(all.substring(0, HANDLE_GROUPS * 4), all.substring(HANDLE_GROUPS * 4));
    }

    /**
     * The code as typed, forgiving spaces, dashes, lower case and the look-alikes people confuse (O for
     * 0, I and L for 1 are not in the alphabet); empty when it cannot be a code.
     */
    static java.util.Optional<Code> parse(String typed) {
        if (typed == null || typed.length() > 100) {
            return java.util.Optional.empty();
        }
        String clean = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (clean.length() != GROUPS * 4 || clean.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                new Code(clean.substring(0, HANDLE_GROUPS * 4), clean.substring(HANDLE_GROUPS * 4)));
    }

    static String hash(Code code) {
        return ARGON2.encode(code.secret());
    }

    static boolean matches(Code code, String hash) {
        return ARGON2.matches(code.secret(), hash);
    }
}
