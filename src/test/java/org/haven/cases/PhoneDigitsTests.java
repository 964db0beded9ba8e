package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneDigitsTests {

    @ParameterizedTest
    @CsvSource({
        "+855 12 345 678, 12345678",
        "00855 12345678, 12345678",
        "012 345 678, 12345678",
        "85512345678, 12345678",
        "+66 81 234 5678, 812345678",
        "០១២ ៣៤៥ ៦៧៨, 12345678",
        "(097) 111-2233, 971112233"
    })
    void numbersWrittenDifferentlyGiveTheSameDigits(String written, String digits) {
        assertThat(People.phoneDigits(written)).isEqualTo(digits);
    }
}
