package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 6238 codes, one step of drift either way, nothing more. */
class TotpCodesTests {

    /** The RFC 6238 SHA-1 test seed "12345678901234567890" in base32. */
    static final String RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static TotpCodes at(String instant) {
        return new TotpCodes(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void matchesTheRfc6238TestVectors() {
        TotpCodes codes = at("1970-01-01T00:00:59Z");
        assertThat(codes.codeAt(RFC_SEED, 59 / 30)).isEqualTo("287082");
        assertThat(codes.codeAt(RFC_SEED, 1111111109L / 30)).isEqualTo("081804");
        assertThat(codes.codeAt(RFC_SEED, 1234567890L / 30)).isEqualTo("005924");
    }

    @Test
    void acceptsTheCurrentAndNeighbouringStepsAndReportsWhich() {
        TotpCodes codes = at("2009-02-13T23:31:30Z");
        long step = codes.currentStep();
        assertThat(codes.verify(RFC_SEED, codes.codeAt(RFC_SEED, step))).hasValue(step);
        assertThat(codes.verify(RFC_SEED, codes.codeAt(RFC_SEED, step - 1))).hasValue(step - 1);
        assertThat(codes.verify(RFC_SEED, codes.codeAt(RFC_SEED, step + 1))).hasValue(step + 1);
        assertThat(codes.verify(RFC_SEED, codes.codeAt(RFC_SEED, step - 2))).isEmpty();
        assertThat(codes.verify(RFC_SEED, codes.codeAt(RFC_SEED, step + 2))).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        TotpCodes codes = at("2009-02-13T23:31:30Z");
        assertThat(codes.verify(RFC_SEED, "")).isEmpty();
        assertThat(codes.verify(RFC_SEED, "12345")).isEmpty();
        assertThat(codes.verify(RFC_SEED, "abcdef")).isEmpty();
        assertThat(codes.verify(RFC_SEED, null)).isEmpty();
    }

    @Test
    void seedsAreRandomAndLongEnough() {
        TotpCodes codes = at("2026-01-01T00:00:00Z");
        String a = codes.newSecret();
        assertThat(a).hasSize(32).matches("[A-Z2-7]+");
        assertThat(codes.newSecret()).isNotEqualTo(a);
        assertThat(TotpCodes.grouped("ABCDEFGHIJ")).isEqualTo("ABCD EFGH IJ");
    }

    @Test
    void qrCodeIsAPng() {
        byte[] png = at("2026-01-01T00:00:00Z").qrPng(RFC_SEED, "someone@example.org");
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}
