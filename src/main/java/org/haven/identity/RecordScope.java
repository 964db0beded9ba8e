package org.haven.identity;

/** Which records a role reaches: its own, its team's, its organization's, or the whole network's. */
public enum RecordScope {
    OWN,
    TEAM,
    ORGANIZATION,
    NETWORK;

    /** Whether this scope reaches at least as far as {@code other}. */
    public boolean covers(RecordScope other) {
        return ordinal() >= other.ordinal();
    }
}
