package org.haven.cases;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.haven.platform.OrganizationScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The blind-index postings of a large organization kept in memory, so that a search sums the postings
 * of common tokens (a family name that a tenth of the children share, its trigrams) in a few
 * milliseconds instead of aggregating hundreds of thousands of rows in PostgreSQL (decision 39). The
 * answer is the same as {@link People}' SQL: the best candidates by the summed weights of the query
 * tokens each person has, ties by id. Only tokens (keyed hashes) and person ids are held, never a name.
 *
 * <p>Built in the background from one snapshot for organizations with at least
 * {@code haven.search.memory-index.min-people} people, within {@code haven.search.memory-index.max-postings}
 * postings for the whole node; until it is ready, and for smaller organizations, searches use SQL. Before
 * each search it replays {@code person_token_change} (V15): the people whose tokens changed in any
 * transaction not finished when it last looked, read again as they are now, on whichever node or tool
 * changed them.
 */
@Component
class SearchPostings {

    private static final Logger log = LoggerFactory.getLogger(SearchPostings.class);
    /** How often a small organization is counted again to see whether it has grown. */
    private static final Duration RECHECK = Duration.ofHours(1);

    private static final int SPARE_SUMS = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate snapshot;
    private final JdbcClient owner;
    private final Clock clock;
    private final int minPeople;
    private final int replayLimit;
    private final long maxPostings;
    private final Duration retention;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-postings");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();

    SearchPostings(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            @Qualifier("ownerDataSource") DataSource ownerDataSource,
            Clock clock,
            @Value("${haven.search.memory-index.min-people:20000}") int minPeople,
            @Value("${haven.search.memory-index.replay-limit:20000}") int replayLimit,
            @Value("${haven.search.memory-index.max-postings:50000000}") long maxPostings,
            @Value("${haven.search.change-retention:24h}") Duration retention) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        // Streamed, not read whole: a million people have some 33 million postings.
        this.streaming.setFetchSize(10_000);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.owner = JdbcClient.create(ownerDataSource);
        this.clock = clock;
        this.minPeople = minPeople;
        this.replayLimit = replayLimit;
        this.maxPostings = maxPostings;
        this.retention = retention;
    }

    /** What the node knows about one organization. */
    private static final class Entry {
        volatile Index index;
        final AtomicBoolean queued = new AtomicBoolean();
        volatile Instant counted;
    }

    /**
     * The best {@code limit} candidates for the query (parallel arrays, repeats counted as SQL's join
     * counts them), or null when the organization has no postings in memory (the caller uses SQL). Runs
     * in the caller's transaction, with the organization's scope entered.
     */
    List<UUID> candidates(UUID organization, long[] tokens, int[] weights, int limit) {
        Entry entry = entries.computeIfAbsent(organization, id -> new Entry());
        Index index = entry.index;
        Instant now = clock.instant();
        if (index != null && idle(index, now)) {
            // Changes older than the retention may have been deleted unseen: build again.
            drop(entry, index);
            index = null;
        }
        if (index == null) {
            consider(organization, entry, now);
            return null;
        }
        boolean current;
        synchronized (index) {
            current = catchUp(organization, index);
        }
        if (!current) {
            // A bulk load or the like changed more people than replaying suits: SQL until built again.
            drop(entry, index);
            queue(organization, entry);
            return null;
        }
        if (index.changes.people().size() > replayLimit(index) / 2) {
            queue(organization, entry);
        }
        return index.best(tokens, weights, limit);
    }

    @PreDestroy
    void stop() {
        builder.shutdownNow();
    }

    /** Whether the organization's postings are in memory (for tests and the benchmark's log). */
    boolean ready(UUID organization) {
        Entry entry = entries.get(organization);
        return entry != null && entry.index != null;
    }

    /** Builds the organization's postings now, whatever its size (tests). */
    void buildNow(UUID organization) {
        Entry entry = entries.computeIfAbsent(organization, id -> new Entry());
        install(entry, build(organization));
    }

    private void consider(UUID organization, Entry entry, Instant now) {
        if (entry.queued.get()
                || (entry.counted != null && entry.counted.plus(RECHECK).isAfter(now))) {
            return;
        }
        entry.counted = now;
        queue(organization, entry);
    }

    private void queue(UUID organization, Entry entry) {
        if (!entry.queued.compareAndSet(false, true)) {
            return;
        }
        builder.execute(() -> {
            try {
                if (entry.index == null && people(organization) < minPeople) {
                    return;
                }
                Index built = build(organization);
                if (built.postings() > maxPostings - held.get() + (entry.index == null ? 0 : entry.index.postings())) {
                    log.info(
                            "Search postings not kept in memory: {} postings exceed the node's limit",
                            built.postings());
                    return;
                }
                install(entry, built);
            } catch (RuntimeException e) {
                // Searches go on through SQL; the next look after RECHECK tries again.
                log.warn("Search postings could not be built: {}", e.toString());
            } finally {
                entry.queued.set(false);
            }
        });
    }

    private void install(Entry entry, Index built) {
        synchronized (entry) {
            Index old = entry.index;
            entry.index = built;
            held.addAndGet(built.postings() - (old == null ? 0 : old.postings()));
        }
        log.info(
                "Search postings in memory for an organization: {} people, {} postings",
                built.people(),
                built.postings());
    }

    /** Forgets {@code index} unless another has replaced it meanwhile. */
    private void drop(Entry entry, Index index) {
        synchronized (entry) {
            if (entry.index == index) {
                entry.index = null;
                entry.counted = null;
                held.addAndGet(-index.postings());
            }
        }
    }

    private int people(UUID organization) {
        return snapshot.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            return jdbc.sql("SELECT count(*) FROM person WHERE organization_id = ?")
                    .param(organization)
                    .query(Integer.class)
                    .single();
        });
    }

    /** Every person and posting of the organization, as of one snapshot, and that snapshot's horizon. */
    Index build(UUID organization) {
        return snapshot.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            // Every transaction below the horizon is finished and in this snapshot; later ones are
            // replayed from person_token_change.
            long horizon = jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                    .query(Long.class)
                    .single();
            LongStream.Builder high = LongStream.builder();
            LongStream.Builder low = LongStream.builder();
            streaming.query(
                    "SELECT id FROM person WHERE organization_id = ? ORDER BY id",
                    row -> {
                        UUID id = row.getObject(1, UUID.class);
                        high.add(id.getMostSignificantBits());
                        low.add(id.getLeastSignificantBits());
                    },
                    organization);
            Index index = new Index(high.build().toArray(), low.build().toArray(), horizon, clock.instant());
            long[] current = {0};
            boolean[] started = {false};
            IntStream.Builder[] postings = {IntStream.builder()};
            streaming.query(
                    "SELECT token, person_id FROM person_token WHERE organization_id = ? ORDER BY token, person_id",
                    row -> {
                        long token = row.getLong(1);
                        if (started[0] && token != current[0]) {
                            index.base.put(current[0], postings[0].build().toArray());
                            postings[0] = IntStream.builder();
                        }
                        started[0] = true;
                        current[0] = token;
                        int ordinal = index.ordinal(row.getObject(2, UUID.class));
                        if (ordinal >= 0) {
                            postings[0].add(ordinal);
                        }
                    },
                    organization);
            if (started[0]) {
                index.base.put(current[0], postings[0].build().toArray());
            }
            return index;
        });
    }

    /**
     * Replays the people whose tokens changed in transactions from the horizon on, read as they are in
     * one snapshot, whose own horizon becomes the next starting point. A transaction still running now
     * is at or above the new horizon, so it is replayed next time, once it has committed.
     */
    private boolean catchUp(UUID organization, Index index) {
        Map<UUID, List<Long>> changed = new HashMap<>();
        long[] horizon = {index.horizon};
        int limit = replayLimit(index) - index.changes.people().size();
        jdbc.sql("""
                        WITH changed AS (
                            SELECT DISTINCT person_id FROM person_token_change
                            WHERE organization_id = ? AND xid >= ? LIMIT ?)
                        SELECT c.person_id, t.token, pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon
                        FROM (SELECT 1) one
                        LEFT JOIN changed c ON true
                        LEFT JOIN person_token t ON t.organization_id = ? AND t.person_id = c.person_id""")
                .params(organization, index.horizon, Math.max(0, limit) + 1, organization)
                .query(row -> {
                    horizon[0] = row.getLong(3);
                    UUID person = row.getObject(1, UUID.class);
                    if (person != null) {
                        List<Long> tokens = changed.computeIfAbsent(person, id -> new ArrayList<>());
                        long token = row.getLong(2);
                        if (!row.wasNull()) {
                            tokens.add(token);
                        }
                    }
                });
        if (changed.size() > limit) {
            return false;
        }
        if (!changed.isEmpty()) {
            Map<UUID, long[]> people = new HashMap<>(index.changes.people());
            BitSet replaced = (BitSet) index.changes.replaced().clone();
            changed.forEach((person, tokens) -> {
                people.put(
                        person,
                        tokens.stream().mapToLong(Long::longValue).sorted().toArray());
                int ordinal = index.ordinal(person);
                if (ordinal >= 0) {
                    replaced.set(ordinal);
                }
            });
            index.changes = new Changes(Map.copyOf(people), replaced);
        }
        index.horizon = horizon[0];
        index.lookedAt = clock.instant();
        return true;
    }

    /** Not looked at for half the retention: changes it has not seen may be pruned. */
    private boolean idle(Index index, Instant now) {
        return index.lookedAt.plus(retention.dividedBy(2)).isBefore(now);
    }

    /** How many changed people are replayed at most before the postings are built again. */
    private int replayLimit(Index index) {
        return Math.max(replayLimit, index.people() / 10);
    }

    /** Deletes changes older than the retention (as the owner: the rows of every organization). */
    @Scheduled(
            initialDelayString = "${haven.search.change-prune-every:1h}",
            fixedDelayString = "${haven.search.change-prune-every:1h}")
    void prune() {
        int deleted = owner.sql("DELETE FROM person_token_change WHERE at < now() - make_interval(secs => ?)")
                .param((double) retention.toSeconds())
                .update();
        if (deleted > 0) {
            log.info("Deleted {} search changes older than {}", deleted, retention);
        }
        // Postings nobody searched for half the retention go: they would be built again anyway.
        Instant now = clock.instant();
        entries.values().forEach(entry -> {
            Index index = entry.index;
            if (index != null && idle(index, now)) {
                drop(entry, index);
            }
        });
    }

    /** One organization's postings: people by ordinal (in id order), postings by token, and what changed. */
    static final class Index {
        final long[] high;
        final long[] low;
        final TokenMap base = new TokenMap();
        /**
         * Sums arrays of earlier searches, zeroed, so that a search does not allocate one per person
         * (4 MB at a million people); as many as searches run at once (decision 38), or a few more.
         */
        private final Queue<int[]> sums = new ConcurrentLinkedQueue<>();

        /** Guarded by the index's lock; read by searches after the lock. */
        volatile long horizon;

        volatile Instant lookedAt;
        /** Replaced whole, never changed in place: a search reads one consistent value. */
        volatile Changes changes = new Changes(Map.of(), new BitSet());

        Index(long[] high, long[] low, long horizon, Instant lookedAt) {
            this.high = high;
            this.low = low;
            this.horizon = horizon;
            this.lookedAt = lookedAt;
        }

        int people() {
            return high.length;
        }

        long postings() {
            return base.total;
        }

        /** The ordinal of a person in the snapshot, or -1. */
        int ordinal(UUID id) {
            long h = id.getMostSignificantBits();
            long l = id.getLeastSignificantBits();
            int from = 0;
            int to = high.length - 1;
            while (from <= to) {
                int middle = (from + to) >>> 1;
                int order = compare(high[middle], low[middle], h, l);
                if (order < 0) {
                    from = middle + 1;
                } else if (order > 0) {
                    to = middle - 1;
                } else {
                    return middle;
                }
            }
            return -1;
        }

        /** PostgreSQL's order of uuids: their sixteen bytes compared unsigned. */
        static int compare(long high1, long low1, long high2, long low2) {
            int order = Long.compareUnsigned(high1, high2);
            return order != 0 ? order : Long.compareUnsigned(low1, low2);
        }

        /**
         * The best {@code limit} people by summed weights, ties by id, as the SQL query ranks them. Weights
         * are positive ({@code SearchableText.Kind}), so a person matched at least one token exactly when
         * their sum is above zero.
         */
        List<UUID> best(long[] tokens, int[] weights, int limit) {
            Changes now = changes;
            BitSet gone = now.replaced();
            int[] score = sums.poll();
            if (score == null) {
                score = new int[high.length];
            }
            try {
                return best(tokens, weights, limit, now, gone, score);
            } finally {
                Arrays.fill(score, 0);
                if (sums.size() < SPARE_SUMS) {
                    sums.offer(score);
                }
            }
        }

        private List<UUID> best(long[] tokens, int[] weights, int limit, Changes now, BitSet gone, int[] score) {
            for (int q = 0; q < tokens.length; q++) {
                int[] list = base.get(tokens[q]);
                if (list != null) {
                    int weight = weights[q];
                    for (int ordinal : list) {
                        score[ordinal] += weight;
                    }
                }
            }
            Selection selection = new Selection(limit);
            for (int ordinal = 0; ordinal < score.length; ordinal++) {
                if (score[ordinal] > 0 && !gone.get(ordinal)) {
                    selection.offer(score[ordinal], high[ordinal], low[ordinal]);
                }
            }
            for (Map.Entry<UUID, long[]> change : now.people().entrySet()) {
                int sum = 0;
                for (int q = 0; q < tokens.length; q++) {
                    if (Arrays.binarySearch(change.getValue(), tokens[q]) >= 0) {
                        sum += weights[q];
                    }
                }
                if (sum > 0) {
                    UUID id = change.getKey();
                    selection.offer(sum, id.getMostSignificantBits(), id.getLeastSignificantBits());
                }
            }
            return selection.ids();
        }
    }

    /**
     * People whose tokens changed since the snapshot, with their tokens now (sorted; none if erased), and
     * the ordinals of those of them in the snapshot, whose postings there no longer count.
     */
    record Changes(Map<UUID, long[]> people, BitSet replaced) {}

    /** The best entries offered, by sum (highest first), then id (lowest first). */
    private static final class Selection {
        private final int limit;
        /** The worst kept entry first. */
        private final PriorityQueue<Ranked> kept;

        Selection(int limit) {
            this.limit = limit;
            this.kept = new PriorityQueue<>(Math.max(1, limit), Comparator.reverseOrder());
        }

        void offer(int sum, long high, long low) {
            if (kept.size() < limit) {
                kept.add(new Ranked(sum, high, low));
            } else if (limit > 0 && Ranked.order(sum, high, low, kept.peek()) < 0) {
                kept.poll();
                kept.add(new Ranked(sum, high, low));
            }
        }

        List<UUID> ids() {
            return kept.stream()
                    .sorted()
                    .map(ranked -> new UUID(ranked.high, ranked.low))
                    .toList();
        }
    }

    private record Ranked(int sum, long high, long low) implements Comparable<Ranked> {
        /** Negative when (sum, high, low) ranks before {@code other}. */
        static int order(int sum, long high, long low, Ranked other) {
            if (sum != other.sum) {
                return sum > other.sum ? -1 : 1;
            }
            return Index.compare(high, low, other.high, other.low);
        }

        @Override
        public int compareTo(Ranked other) {
            return order(sum, high, low, other);
        }
    }

    /** Postings by token: open addressing on primitive keys. */
    static final class TokenMap {
        private long[] keys = new long[1 << 16];
        private int[][] values = new int[1 << 16][];
        private int size;
        long total;

        void put(long key, int[] list) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int slot = slot(keys, values, key);
            if (values[slot] == null) {
                size++;
            } else {
                total -= values[slot].length;
            }
            keys[slot] = key;
            values[slot] = list;
            total += list.length;
        }

        int[] get(long key) {
            return values[slot(keys, values, key)];
        }

        private static int slot(long[] keys, int[][] values, long key) {
            int mask = keys.length - 1;
            int slot = (int) (mix(key) & mask);
            while (values[slot] != null && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        private void grow() {
            long[] oldKeys = keys;
            int[][] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2][];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    int slot = slot(keys, values, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
