package org.haven.intake.abuse;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token-bucket limits for the public report form that never key on an IP address or any client
 * identifier: one global bucket for all public submissions, and one bucket per receipt code for a
 * reporter's follow-up messages, keyed by a keyed hash of the code (the code itself is never held; the
 * hash key is random per process). Per-code buckets are kept for at most {@code maxTrackedCodes} codes,
 * least recently used dropped first (a few hundred bytes each). A dropped bucket starts full again, so
 * an attacker cycling through codes can at most reset a code's allowance, and every follow-up also
 * draws on the global bucket. Codes are bucketed as typed, after dropping spaces and hyphens and
 * ignoring case: that can only merge buckets, never split one. In-memory and per node: with several
 * nodes each enforces its own share (set the global rate per node accordingly).
 *
 * <p>Wiring order: verify the {@link ProofOfWork} solution or {@link WaitToken} first (one HMAC and
 * one hash), then take from these buckets, so that only submissions backed by work or waiting use the
 * global allowance; take a follow-up's allowance before checking its receipt code's Argon2id hash.
 */
public final class SubmissionLimits {

    private final Bucket global;
    private final Capacities capacities;
    private final TimeMeter time;
    private final Mac codeHash;
    private final Map<String, Bucket> perCode;

    /** The default capacities and the system's monotonic clock. */
    public SubmissionLimits() {
        this(Capacities.DEFAULTS, TimeMeter.SYSTEM_NANOTIME);
    }

    /** The given capacities and the system's monotonic clock. */
    public SubmissionLimits(Capacities capacities) {
        this(capacities, TimeMeter.SYSTEM_NANOTIME);
    }

    /** The given capacities measured by {@code time} (tests pass a clock they move by hand). */
    public SubmissionLimits(Capacities capacities, TimeMeter time) {
        this.capacities = capacities;
        this.time = time;
        this.global = bucket(capacities.globalBurst(), capacities.globalPerSecond(), Duration.ofSeconds(1));
        int max = capacities.maxTrackedCodes();
        this.perCode = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            this.codeHash = Mac.getInstance("HmacSHA256");
            codeHash.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", missing);
        }
    }

    /** Takes one new public report from the global bucket. */
    public Decision trySubmit() {
        return decide(global.tryConsumeAndReturnRemaining(1));
    }

    /**
     * Takes one follow-up message for {@code receiptCode} from its bucket and from the global bucket. If
     * the global bucket refuses, the code's allowance is given back.
     */
    public Decision tryFollowUp(String receiptCode) {
        Bucket bucket;
        synchronized (perCode) {
            bucket = perCode.computeIfAbsent(
                    key(receiptCode),
                    k -> bucket(
                            capacities.perCodeCapacity(), capacities.perCodeCapacity(), capacities.perCodePeriod()));
        }
        Decision forCode = decide(bucket.tryConsumeAndReturnRemaining(1));
        if (!forCode.allowed()) {
            return forCode;
        }
        Decision overall = trySubmit();
        if (!overall.allowed()) {
            bucket.addTokens(1);
        }
        return overall;
    }

    /** How many receipt codes have a bucket now; never more than {@code maxTrackedCodes}. */
    public int trackedCodes() {
        synchronized (perCode) {
            return perCode.size();
        }
    }

    private Bucket bucket(long capacity, long refill, Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(refill, period)
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    private String key(String receiptCode) {
        String normalized = receiptCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        byte[] digest;
        synchronized (codeHash) {
            digest = codeHash.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 16));
    }

    private static Decision decide(ConsumptionProbe probe) {
        return probe.isConsumed()
                ? Decision.ALLOWED
                : new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Whether a submission may go ahead and, if not, how long until it could.
     *
     * @param allowed true when the submission may go ahead
     * @param retryAfter zero when allowed
     */
    public record Decision(boolean allowed, Duration retryAfter) {
        /** The decision that lets a submission through. */
        public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds to wait (rounded up, at least 1 when refused), e.g. for {@code Retry-After}. */
        public long retryAfterSeconds() {
            if (allowed) {
                return 0;
            }
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }

    /**
     * Bucket sizes. Defaults: 300 public submissions a second sustained with bursts of 1,000 (a busy
     * national hotline gets far fewer; the bound keeps a flood from starving staff of database and
     * CPU), and 10 follow-ups per receipt code per hour, for up to 100,000 codes at once.
     *
     * @param globalPerSecond sustained public submissions per second, all reporters together
     * @param globalBurst how many may arrive at once before the sustained rate applies
     * @param perCodeCapacity follow-up messages per receipt code per {@code perCodePeriod}
     * @param perCodePeriod the period over which a code's allowance refills
     * @param maxTrackedCodes how many receipt codes' buckets are kept in memory
     */
    public record Capacities(
            long globalPerSecond, long globalBurst, long perCodeCapacity, Duration perCodePeriod, int maxTrackedCodes) {
        /** The documented defaults. */
        public static final Capacities DEFAULTS = new Capacities(300, 1_000, 10, Duration.ofHours(1), 100_000);

        public Capacities {
            if (globalPerSecond < 1 || globalBurst < 1 || perCodeCapacity < 1 || maxTrackedCodes < 1) {
                throw new IllegalArgumentException("every capacity must be positive");
            }
            if (perCodePeriod.isNegative() || perCodePeriod.isZero()) {
                throw new IllegalArgumentException("the per-code period must be positive");
            }
        }
    }
}
