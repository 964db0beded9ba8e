package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryCodesTests {

    @Test
    void typedCodesAreForgivingAboutCaseSeparatorsAndLookAlikes() {
        assertThat(RecoveryCodes.normalize("abcd-efgh-jkmn-pq01")).isEqualTo("ABCDEFGHJKMNPQ01");
        assertThat(RecoveryCodes.normalize(" ab cd ")).isEqualTo("ABCD");
        assertThat(RecoveryCodes.normalize("O0Il")).isEqualTo("0011");
        assertThat(RecoveryCodes.normalize(null)).isEmpty();
    }
}
