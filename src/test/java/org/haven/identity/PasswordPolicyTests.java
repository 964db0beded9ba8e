package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NIST SP 800-63B passwords: long enough, not common, no composition rules. */
class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void elevenCharactersAreTooFewAndTwelveAreEnough() {
        assertThat(policy.problem("abcdefghijk", "a@b.org")).contains("password.tooShort");
        assertThat(policy.problem("river mango tuk", "a@b.org")).isEmpty();
    }

    @Test
    void khmerCharactersCountAsCharacters() {
        assertThat(policy.problem("ផ្ទះសុវត្ថិភាពល្អ", "a@b.org")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123qweasdzxc", "1qaz2wsx3edc", "Q1W2E3R4T5Y6", "qwertyuiopasdfghjkl"})
    void commonPasswordsAreRefusedWhateverTheirCase(String common) {
        assertThat(policy.problem(common, "a@b.org")).contains("password.common");
    }

    @Test
    void noCompositionRules() {
        assertThat(policy.problem("lowercase words only here", "a@b.org")).isEmpty();
    }

    @Test
    void repetitiveAndEmailBasedPasswordsAreRefused() {
        assertThat(policy.problem("ខខខខខខខខខខខខខខ", "a@b.org")).contains("password.repetitive");
        assertThat(policy.problem("sreymom.chan2026", "sreymom.chan@ngo.org")).contains("password.containsEmail");
    }

    @Test
    void overlyLongPasswordsAreRefused() {
        assertThat(policy.problem("x".repeat(60) + "y".repeat(60) + "abcdefghij", "a@b.org"))
                .contains("password.tooLong");
    }
}
