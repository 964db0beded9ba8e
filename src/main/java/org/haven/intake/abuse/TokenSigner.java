package org.haven.intake.abuse;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs fixed-length payloads with HMAC-SHA-256 and encodes payload and tag as one unpadded base64url
 * string; opens them again, telling malformed input from a bad signature. The first payload byte names
 * the token kind, so a token of one kind is never accepted as another even under the same key.
 */
final class TokenSigner {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    TokenSigner(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the signing key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    String seal(byte[] payload) {
        return ENCODER.encodeToString(ByteBuffer.allocate(payload.length + TAG_BYTES)
                .put(payload)
                .put(tag(payload))
                .array());
    }

    /** The encoded length of a sealed payload of {@code payloadBytes} bytes. */
    static int encodedLength(int payloadBytes) {
        return (int) Math.ceil((payloadBytes + TAG_BYTES) * 4 / 3.0);
    }

    /**
     * The payload of {@code token} if it is well formed, of {@code kind} and genuine; otherwise a
     * refusal saying why.
     */
    Opened open(String token, int payloadBytes, byte kind) {
        if (token == null || token.length() != encodedLength(payloadBytes)) {
            return new Opened(Verdict.MALFORMED, null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return new Opened(Verdict.MALFORMED, null);
        }
        if (!token.equals(ENCODER.encodeToString(bytes))) { // unused trailing bits set
            return new Opened(Verdict.MALFORMED, null);
        }
        byte[] payload = Arrays.copyOfRange(bytes, 0, payloadBytes);
        byte[] tag = Arrays.copyOfRange(bytes, payloadBytes, bytes.length);
        if (!MessageDigest.isEqual(tag, tag(payload))) {
            return new Opened(Verdict.FORGED, null);
        }
        if (payload[0] != kind) {
            return new Opened(Verdict.MALFORMED, null);
        }
        return new Opened(null, ByteBuffer.wrap(payload));
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", missing);
        }
    }

    /** Either a refusal or the genuine payload, positioned at its start. */
    record Opened(Verdict refusal, ByteBuffer payload) {}
}
