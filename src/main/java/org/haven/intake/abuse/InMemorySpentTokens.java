package org.haven.intake.abuse;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SpentTokens} in this process's memory, bounded: entries are dropped once their token has
 * expired, oldest first, and when the store holds {@code capacity} live entries it refuses new ones
 * ({@link Outcome#STORE_FULL}) rather than forgetting live ones, which would allow replays. Only valid,
 * solved tokens reach the store, so filling it costs an attacker real work; each entry takes roughly
 * 150 bytes, so the default of 540,000 entries (the default global limit of 300 per second for the
 * default 30-minute token life) stays under about 80 MiB, and far less outside a flood. Good for a
 * single node only: see {@link SpentTokens}.
 */
public final class InMemorySpentTokens implements SpentTokens {

    /** Default number of live entries kept. */
    public static final int DEFAULT_CAPACITY = 540_000;

    private final int capacity;
    // insertion order ≈ expiry order, because entries are kept for a fixed time after they are spent
    private final LinkedHashMap<String, Instant> spent = new LinkedHashMap<>();
    private Instant lastFullPurge = Instant.MIN;

    /** A store with {@link #DEFAULT_CAPACITY}. */
    public InMemorySpentTokens() {
        this(DEFAULT_CAPACITY);
    }

    /** A store keeping at most {@code capacity} live entries. */
    public InMemorySpentTokens(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Outcome spend(String tokenId, Instant now, Instant keepUntil) {
        purgeExpired(now);
        Instant known = spent.get(tokenId);
        if (known != null) {
            return Outcome.ALREADY_SPENT;
        }
        if (spent.size() >= capacity) {
            purgeAllExpired(now);
            if (spent.size() >= capacity) {
                return Outcome.STORE_FULL;
            }
        }
        spent.put(tokenId, keepUntil);
        return Outcome.FIRST_USE;
    }

    /** The number of entries held now (expired ones may linger until the next call). */
    public synchronized int size() {
        return spent.size();
    }

    // cheap: stops at the first entry still live
    private void purgeExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = spent.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(now)) {
            entries.remove();
        }
    }

    // thorough, for stores shared by token kinds with different lifetimes; at most once a second, so
    // a full store under a flood does not cost a full scan per request
    private void purgeAllExpired(Instant now) {
        if (now.isAfter(lastFullPurge.plusSeconds(1))) {
            lastFullPurge = now;
            spent.values().removeIf(until -> until.isBefore(now));
        }
    }
}
