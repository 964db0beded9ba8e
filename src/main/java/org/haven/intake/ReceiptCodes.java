package org.haven.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Receipt codes: 24 characters from an alphabet without look-alikes, shown in six groups of four
 * (about 118 bits). The first two groups are the handle that finds the report; only a salted SHA-256
 * of the other four (about 78 bits) is stored, so the database alone cannot read a report's
 * conversation. A random secret of 78 bits needs no slow hash (decision 34): at 10^11 guesses a second
 * one report's secret takes some 10^5 years, as for API tokens, which are kept the same way; a slow
 * hash would only slow the public form under load. Hashes written earlier with Argon2id (1 MiB, one
 * pass) are still recognised.
 */
final class ReceiptCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int GROUPS = 6;
    static final int HANDLE_GROUPS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Reads hashes written before decision 34; no new one is written with it. */
    private static final Argon2PasswordEncoder ARGON2 = new Argon2PasswordEncoder(16, 32, 1, 1024, 1);

    private static final String SHA256 = "sha256$";
    private static final int SALT_BYTES = 16;

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

    /** {@code sha256$<salt>$<digest>}, both in Base64, the digest of the salt followed by the secret. */
    static String hash(Code code) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SHA256 + base64.encodeToString(salt) + "$" + base64.encodeToString(digest(salt, code.secret()));
    }

    static boolean matches(Code code, String hash) {
        if (hash == null) {
            return false;
        }
        if (!hash.startsWith(SHA256)) {
            return ARGON2.matches(code.secret(), hash);
        }
        String[] parts = hash.substring(SHA256.length()).split("\\$", -1);
        if (parts.length != 2) {
            return false;
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return MessageDigest.isEqual(base64.decode(parts[1]), digest(base64.decode(parts[0]), code.secret()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
