package org.haven.intake.abuse;

/**
 * Why a {@link ProofOfWork} challenge or a {@link WaitToken} was accepted or refused. The reasons are
 * for counters and tests; a reporter should only be told to try again.
 */
public enum Verdict {
    /** Genuine, in its validity window, solved where needed, and now spent. */
    ACCEPTED,
    /** Missing, of the wrong length or alphabet, or not of the expected kind. */
    MALFORMED,
    /** The signature does not match: altered, or made with another key or for another purpose. */
    FORGED,
    /** Older than the maximum age (or dated in the future beyond the allowed clock skew). */
    EXPIRED,
    /** A wait token presented before its delay has passed; it stays usable later. */
    TOO_EARLY,
    /** The proof-of-work solution does not give enough leading zero bits. */
    WRONG_SOLUTION,
    /** Already used once. */
    REPLAYED,
    /** The spent-token store is full of live entries and refuses new ones (fails closed). */
    BUSY;

    /** True only for {@link #ACCEPTED}. */
    public boolean accepted() {
        return this == ACCEPTED;
    }
}
