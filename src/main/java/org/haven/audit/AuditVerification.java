package org.haven.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The result of recomputing the audit chain.
 *
 * @param events sealed events checked
 * @param checkpoints signed checkpoints checked
 * @param unsealed events not yet sealed (recent transactions; not a problem)
 * @param findings what does not match, in chain order; empty when the trail is intact
 * @param took how long the check took
 */
public record AuditVerification(long events, long checkpoints, long unsealed, List<Finding> findings, Duration took) {

    /** How the trail was tampered with. */
    public enum Kind {
        /** An event's content no longer matches the digest sealed for it. */
        ALTERED,
        /** A sealed event is gone. */
        DELETED,
        /** An event sits below the sealed frontier but was never sealed: added afterwards. */
        INSERTED,
        /** Two sealed events exchanged places or contents. */
        REORDERED,
        /** Positions are missing from the chain itself. */
        REMOVED_FROM_CHAIN,
        /** A chain link does not follow from the one before it: the chain table was edited. */
        CHAIN_BROKEN,
        /** A checkpoint's signature is invalid, or the chain no longer matches what was signed. */
        CHECKPOINT_MISMATCH
    }

    /**
     * One discrepancy.
     *
     * @param kind what kind
     * @param position chain position (0 when the event is outside the chain)
     * @param eventId the event concerned (null when unknown)
     * @param description a sentence for the operator
     */
    public record Finding(Kind kind, long position, UUID eventId, String description) {}

    public boolean intact() {
        return findings.isEmpty();
    }

    /** The first finding (the earliest in the chain), if any. */
    public Finding first() {
        return findings.isEmpty() ? null : findings.get(0);
    }
}
