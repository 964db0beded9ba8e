package org.haven.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Passwords as NIST SP 800-63B asks: at least 12 characters, at most 128 (hashing cost), not on the
 * bundled list of common passwords, not built from the person's own e-mail or the word "haven", and
 * no composition rules.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final String LIST = "/identity/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /**
     * Checks a candidate password.
     *
     * @param email the account's e-mail, whose local part may not be the password's core
     * @return the message key of the first problem, or empty when the password is acceptable
     */
    public Optional<String> problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password.tooLong");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            return Optional.of("password.common");
        }
        String core = folded.replaceAll("[^\\p{L}\\p{N}]", "");
        if (core.codePoints().distinct().count() < 4) {
            return Optional.of("password.repetitive");
        }
        if (email != null && !email.isBlank()) {
            String local = email.toLowerCase(Locale.ROOT).split("@")[0].replaceAll("[^\\p{L}\\p{N}]", "");
            if (local.length() >= 4 && core.contains(local) && core.length() - local.length() < 6) {
                return Optional.of("password.containsEmail");
            }
        }
        if (core.contains("haven") && core.length() < MIN_LENGTH + 5) {
            return Optional.of("password.common");
        }
        return Optional.empty();
    }

    /** Throws {@link IdentityException} with the problem's key when the password is not acceptable. */
    public void require(String password, String email) {
        problem(password, email).ifPresent(key -> {
            throw new IdentityException(key, MIN_LENGTH);
        });
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(64_000);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The common-password list " + LIST + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    passwords.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
