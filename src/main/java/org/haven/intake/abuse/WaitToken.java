package org.haven.intake.abuse;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The no-JavaScript path past the report form's flood protection: a signed token, put in the form as a
 * hidden input, that is accepted only from {@code delay} after it was issued until {@code maxAge}, and
 * only once. A person reading and filling in the form takes longer than the delay anyway (20 seconds by
 * default); a bot must fetch a token and wait for each submission. The layout is kind byte, 16 random
 * bytes and issue time, with an HMAC-SHA-256 tag; nothing about the reporter goes in it.
 *
 * <p>Trade-off: waiting costs a bot time, not work. One that fetches many tokens in parallel and waits
 * once can still submit at any rate, so this bounds naive floods only and the global limit in {@link
 * SubmissionLimits} stays the wall. In return it needs nothing from the browser, keeps working on the
 * oldest phones, and never burns a reporter's battery. A reporter who is very quick (under the delay)
 * is asked to submit again: callers should keep what was typed and say so plainly.
 */
public final class WaitToken {

    /** How long after issue a token becomes valid by default. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(20);
    /** How long after issue a token stays valid by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);
    /** The name of the hidden form input that carries the token. */
    public static final String FIELD = "wait-token";

    private static final byte KIND = 'W';
    private static final int PAYLOAD_BYTES = 1 + TokenSigner.NONCE_BYTES + Long.BYTES;

    private final TokenSigner signer;
    private final Duration delay;
    private final Duration maxAge;
    private final Clock clock;
    private final SpentTokens spent;

    /** Default delay and age, the system clock and an in-memory spent set (one node). */
    public WaitToken(byte[] key) {
        this(key, DEFAULT_DELAY, DEFAULT_MAX_AGE, Clock.systemUTC(), new InMemorySpentTokens());
    }

    /**
     * @param key 32 secret bytes shared by every node (may be the {@link ProofOfWork} key: the kinds
     *     are signed apart)
     * @param delay how long after issue the token becomes valid
     * @param maxAge how long after issue the token stays valid; longer than {@code delay}
     * @param clock the time source
     * @param spent where used tokens are remembered (shared between nodes if there are several)
     */
    public WaitToken(byte[] key, Duration delay, Duration maxAge, Clock clock, SpentTokens spent) {
        if (delay.isNegative() || maxAge.compareTo(delay) <= 0) {
            throw new IllegalArgumentException("the delay must be shorter than the maximum age");
        }
        this.signer = new TokenSigner(key);
        this.delay = delay;
        this.maxAge = maxAge;
        this.clock = clock;
        this.spent = spent;
    }

    /** A fresh token, valid from {@code delay} from now. */
    public String issue() {
        return signer.seal(ByteBuffer.allocate(PAYLOAD_BYTES)
                .put(KIND)
                .put(signer.nonce())
                .putLong(clock.instant().getEpochSecond())
                .array());
    }

    /** Accepts a genuine token between its delay and its expiry, once, and spends it; refusals spend nothing. */
    public Verdict verify(String token) {
        TokenSigner.Opened opened = signer.open(token, PAYLOAD_BYTES, KIND);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        ByteBuffer payload = opened.payload().position(1);
        byte[] nonce = new byte[TokenSigner.NONCE_BYTES];
        payload.get(nonce);
        Instant issued = Instant.ofEpochSecond(payload.getLong());
        Instant now = clock.instant();
        if (now.isBefore(issued.plus(delay))) {
            return Verdict.TOO_EARLY;
        }
        if (now.isAfter(issued.plus(maxAge))) {
            return Verdict.EXPIRED;
        }
        String id = "wait:" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return switch (spent.spend(id, now, now.plus(maxAge))) {
            case FIRST_USE -> Verdict.ACCEPTED;
            case ALREADY_SPENT -> Verdict.REPLAYED;
            case STORE_FULL -> Verdict.BUSY;
        };
    }

    /** How long after issue a token becomes valid. */
    public Duration delay() {
        return delay;
    }
}
