package org.haven.intake.abuse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A proof-of-work challenge for the anonymous report form. A challenge is one URL-safe string: kind
 * byte, 16 random bytes, issue time (epoch seconds), difficulty (leading zero bits), and an
 * HMAC-SHA-256 tag over them. The browser ({@code static/js/report-pow.js}) finds a solution: the
 * decimal form of a counter such that SHA-256(UTF-8(challenge) || UTF-8(solution)) begins with at least
 * that many zero bits. Nothing about the reporter goes in or comes out.
 *
 * <p>{@link #DEFAULT_DIFFICULTY} is 16 bits (65,536 hashes expected). Measured with this very {@code
 * report-pow.js} in headless Chromium on one shared core of a small cloud VM (a page of forms with
 * fresh challenges, solved in turn, each timed from the previous one): 30 challenges, about 113,000
 * hashes a second, mean 0.58 s, median 0.39 s. With Chromium's CPU throttled six times through DevTools
 * (its "low-end mobile" preset) as a cheap phone: 20 challenges, about 45,000 hashes a second, mean
 * 1.4 s. The wait is geometric: one reporter in twenty waits three times the mean (the slowest of the
 * throttled 20 took 14 s), and the form never waits for it. Native code hashes hundreds of times faster
 * than a browser, so this is a speed bump against scripted floods, not a wall: the global limit in
 * {@link SubmissionLimits} is the wall. Raising the difficulty takes effect at once, also for
 * challenges already issued; their holders fall back to the {@link WaitToken}.
 */
public final class ProofOfWork {

    /** Leading zero bits required by default. */
    public static final int DEFAULT_DIFFICULTY = 16;
    /** How long a challenge stays usable by default: enough to fill the form in slowly. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);
    /** The form attribute that carries the challenge to {@code report-pow.js}. */
    public static final String CHALLENGE_ATTRIBUTE = "data-pow-challenge";
    /** The name of the hidden input the solver fills in (the challenge goes back in the same form). */
    public static final String SOLUTION_FIELD = "pow-solution";
    /** The name of the hidden input that sends the challenge back. */
    public static final String CHALLENGE_FIELD = "pow-challenge";

    static final int MAX_SOLUTION_DIGITS = 16; // JavaScript counts exactly up to 2^53
    private static final byte KIND = 'P';
    private static final int PAYLOAD_BYTES = 1 + TokenSigner.NONCE_BYTES + Long.BYTES + 1;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final TokenSigner signer;
    private final int difficulty;
    private final Duration maxAge;
    private final Clock clock;
    private final SpentTokens spent;

    /** Default difficulty and age, the system clock and an in-memory spent set (one node). */
    public ProofOfWork(byte[] key) {
        this(key, DEFAULT_DIFFICULTY, DEFAULT_MAX_AGE, Clock.systemUTC(), new InMemorySpentTokens());
    }

    /**
     * @param key 32 secret bytes; every node must share them
     * @param difficulty leading zero bits required, 1 to 32
     * @param maxAge how long after issue a challenge is accepted
     * @param clock the time source
     * @param spent where used challenges are remembered (shared between nodes if there are several)
     */
    public ProofOfWork(byte[] key, int difficulty, Duration maxAge, Clock clock, SpentTokens spent) {
        if (difficulty < 1 || difficulty > 32) {
            throw new IllegalArgumentException("difficulty must be 1 to 32 bits");
        }
        this.signer = new TokenSigner(key);
        this.difficulty = difficulty;
        this.maxAge = maxAge;
        this.clock = clock;
        this.spent = spent;
    }

    /** A fresh challenge at the configured difficulty. */
    public String issue() {
        return signer.seal(ByteBuffer.allocate(PAYLOAD_BYTES)
                .put(KIND)
                .put(signer.nonce())
                .putLong(clock.instant().getEpochSecond())
                .put((byte) difficulty)
                .array());
    }

    /**
     * Accepts a genuine, unexpired, unused challenge with a solution meeting its difficulty (and at least
     * the configured one), and spends it; refusals spend nothing.
     */
    public Verdict verify(String challenge, String solution) {
        TokenSigner.Opened opened = signer.open(challenge, PAYLOAD_BYTES, KIND);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        if (solution == null || solution.isEmpty() || solution.length() > MAX_SOLUTION_DIGITS) {
            return Verdict.MALFORMED;
        }
        if (!solution.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.MALFORMED;
        }
        ByteBuffer payload = opened.payload().position(1);
        byte[] nonce = new byte[TokenSigner.NONCE_BYTES];
        payload.get(nonce);
        Instant issued = Instant.ofEpochSecond(payload.getLong());
        int required = Math.max(payload.get(), difficulty);
        Instant now = clock.instant();
        Instant expires = issued.plus(maxAge);
        if (now.isAfter(expires) || issued.isAfter(now.plus(CLOCK_SKEW))) {
            return Verdict.EXPIRED;
        }
        if (leadingZeroBits(sha256(challenge + solution)) < required) {
            return Verdict.WRONG_SOLUTION;
        }
        String id = "pow:" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return switch (spent.spend(id, now, now.plus(maxAge))) {
            case FIRST_USE -> Verdict.ACCEPTED;
            case ALREADY_SPENT -> Verdict.REPLAYED;
            case STORE_FULL -> Verdict.BUSY;
        };
    }

    /** The leading zero bits required of new challenges. */
    public int difficulty() {
        return difficulty;
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }
}
