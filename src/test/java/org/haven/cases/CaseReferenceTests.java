package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseReferenceTests {

    @ParameterizedTest
    @CsvSource({
        "2026, 7, C-2026-0007",
        "2026, 999, C-2026-0999",
        "2027, 1234, C-2027-1234",
        "2026, 123456, C-2026-123456"
    })
    void aReferenceHasTheYearAndAtLeastFourDigits(int year, int number, String reference) {
        assertThat(CaseFiles.reference(year, number))
                .isEqualTo(reference)
                .isEqualTo("C-%d-%04d".formatted(year, number));
    }
}
