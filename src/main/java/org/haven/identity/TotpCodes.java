package org.haven.identity;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time passwords: SHA-1, 6 digits, 30-second steps, one step of clock drift
 * either way. {@link #verify} returns the accepted time step so that callers can refuse a replay.
 */
@Component
class TotpCodes {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    private static final String ISSUER = "Haven";

    private final Clock clock;
    private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

    TotpCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new random 160-bit seed in base32. */
    String newSecret() {
        return secrets.generate();
    }

    /** The time step of now. */
    long currentStep() {
        return clock.millis() / 1000 / PERIOD_SECONDS;
    }

    /**
     * Checks {@code code} against the current step and its two neighbours.
     *
     * @return the step the code belongs to, or empty when it matches none
     */
    OptionalLong verify(String secret, String code) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        for (long step = now - 1; step <= now + 1; step++) {
            String expected = codeAt(secret, step);
            if (MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), digits.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("A stored second-factor seed is malformed", e);
        }
    }

    /** A PNG QR code of the otpauth:// URI for an authenticator app. */
    byte[] qrPng(String secret, String accountLabel) {
        QrData data = new QrData.Builder()
                .label(accountLabel)
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build();
        try {
            return new ZxingPngQrGenerator().generate(data);
        } catch (QrGenerationException e) {
            throw new IllegalStateException("The QR code could not be drawn", e);
        }
    }

    /** The seed grouped in fours, for typing into an app by hand. */
    static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
