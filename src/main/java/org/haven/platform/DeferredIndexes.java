package org.haven.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Builds the indexes and foreign keys of tables after a large load into them instead of row by row,
 * as {@code pg_restore} does (decision 36). {@link #defer} records each index's and constraint's
 * definition as an {@code installation_fact} and drops it, in one transaction; {@link #restore}
 * builds them again, each in one transaction with the removal of its fact. Should the process die in
 * between, the next start of Haven (or of an admin command) builds what is still recorded before
 * anything else runs. Primary and unique keys that a table outside the set refers to stay in place.
 * Only for loads into tables nothing else uses yet: without their indexes, reads of them are slow and
 * their keys unchecked until {@link #restore}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DeferredIndexes implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexes.class);

    /** Facts' names: the prefix, then 1 (keys and indexes) or 2 (foreign keys, built after them). */
    private static final String FACT = "deferred-ddl:";

    private final DataSource owner;

    DeferredIndexes(@Qualifier("ownerDataSource") DataSource owner) {
        this.owner = owner;
    }

    @Override
    public void run(ApplicationArguments args) {
        int built = restore();
        if (built > 0) {
            LOG.warn("Built {} indexes and keys left over from an interrupted bulk load", built);
        }
    }

    /** Whether none of the tables (schema-qualified or on the search path) holds a row. */
    public boolean empty(List<String> tables) {
        try (Connection c = owner.getConnection();
                Statement statement = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows =
                        statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + identifier(table) + ")")) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look into the tables: " + e.getSQLState(), e);
        }
    }

    /**
     * Drops the secondary indexes, foreign keys, and the primary and unique keys no other table refers
     * to, of {@code tables}, recording how to build each again; returns how many.
     */
    public int defer(List<String> tables) {
        return defer(tables, List.of());
    }

    /**
     * As {@link #defer(List)}, and also the named {@code indexes} of other tables (plain indexes only,
     * not those of keys), whose tables stay as they are otherwise.
     */
    public int defer(List<String> tables, List<String> indexes) {
        String[] names = tables.stream().map(DeferredIndexes::identifier).toArray(String[]::new);
        String[] alsoIndexes = indexes.stream().map(DeferredIndexes::identifier).toArray(String[]::new);
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, String[]> found = new LinkedHashMap<>();
                try (PreparedStatement constraints = c.prepareStatement("""
                        SELECT c.contype, c.conrelid::regclass::text, quote_ident(c.conname),
                               pg_get_constraintdef(c.oid)
                        FROM pg_constraint c
                        WHERE c.conrelid = ANY (?::regclass[]) AND c.contype IN ('p', 'u', 'f')
                          AND NOT (c.contype IN ('p', 'u') AND EXISTS (
                              SELECT 1 FROM pg_constraint r
                              WHERE r.contype = 'f' AND r.conindid = c.conindid
                                AND NOT r.conrelid = ANY (?::regclass[])))
                        ORDER BY c.contype, 2, 3""")) {
                    constraints.setArray(1, c.createArrayOf("text", names));
                    constraints.setArray(2, c.createArrayOf("text", names));
                    try (ResultSet rows = constraints.executeQuery()) {
                        while (rows.next()) {
                            String table = rows.getString(2);
                            String name = rows.getString(3);
                            String level = rows.getString(1).equals("f") ? "2:" : "1:";
                            found.put(FACT + level + table + "." + name, new String[] {
                                "ALTER TABLE " + table + " DROP CONSTRAINT " + name,
                                "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rows.getString(4)
                            });
                        }
                    }
                }
                try (PreparedStatement plain = c.prepareStatement("""
                        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                               pg_get_indexdef(i.indexrelid)
                        FROM pg_index i
                        WHERE (i.indrelid = ANY (?::regclass[]) OR i.indexrelid = ANY (?::regclass[]))
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                          AND c.conrelid = i.indrelid)
                        ORDER BY 1, 2""")) {
                    plain.setArray(1, c.createArrayOf("text", names));
                    plain.setArray(2, c.createArrayOf("text", alsoIndexes));
                    try (ResultSet rows = plain.executeQuery()) {
                        while (rows.next()) {
                            found.put(
                                    FACT + "1:" + rows.getString(1) + "." + rows.getString(2),
                                    new String[] {"DROP INDEX " + rows.getString(2), rows.getString(3)});
                        }
                    }
                }
                // Autovacuum would take the freshly loaded tables while their indexes are being built:
                // each build then waits a second for it to give way. Off for the load, as it was after.
                try (PreparedStatement options = c.prepareStatement("""
                        SELECT c.oid::regclass::text,
                               (SELECT o FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum\\_enabled=%')
                        FROM pg_class c WHERE c.oid = ANY (?::regclass[]) ORDER BY 1""")) {
                    options.setArray(1, c.createArrayOf("text", names));
                    try (ResultSet rows = options.executeQuery()) {
                        while (rows.next()) {
                            String table = rows.getString(1);
                            String before = rows.getString(2);
                            found.put(FACT + "3:" + table + ".autovacuum", new String[] {
                                "ALTER TABLE " + table + " SET (autovacuum_enabled = false)",
                                "ALTER TABLE " + table
                                        + (before == null ? " RESET (autovacuum_enabled)" : " SET (" + before + ")")
                            });
                        }
                    }
                }
                try (PreparedStatement record =
                                c.prepareStatement("INSERT INTO installation_fact (name, value) VALUES (?, ?)");
                        Statement drop = c.createStatement()) {
                    for (Map.Entry<String, String[]> entry : found.entrySet()) {
                        record.setString(1, entry.getKey());
                        record.setString(2, entry.getValue()[1]);
                        record.executeUpdate();
                        drop.execute(entry.getValue()[0]);
                    }
                }
                c.commit();
                return found.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the indexes aside: " + e.getSQLState(), e);
        }
    }

    /**
     * Builds every recorded index and key (keys and indexes first, then foreign keys); returns how many.
     * The indexes and keys are shared among {@link #WORKERS} connections, the largest tables' first; the
     * foreign keys by table. A failure leaves the foreign keys unbuilt, not the other indexes.
     */
    public int restore() {
        List<String[]> pending = new ArrayList<>();
        try (Connection c = owner.getConnection();
                PreparedStatement list = c.prepareStatement(
                        "SELECT name, value FROM installation_fact WHERE name LIKE ? ORDER BY name")) {
            list.setString(1, FACT + "%");
            try (ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    pending.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the indexes set aside: " + e.getSQLState(), e);
        }
        if (pending.isEmpty()) {
            return 0;
        }
        // 1: keys and indexes; 2: foreign keys, which need them; 3: autovacuum back on, whatever failed.
        Map<String, List<String[]>> byLevel = new HashMap<>();
        for (String[] item : pending) {
            byLevel.computeIfAbsent(item[0].substring(FACT.length(), FACT.length() + 1), level -> new ArrayList<>())
                    .add(item);
        }
        try {
            // Each index on its own: two indexes of one table may be built at the same time.
            inParallel(
                    byTable(byLevel.getOrDefault("1", List.of())).stream()
                            .flatMap(List::stream)
                            .map(item -> List.<String[]>of(item))
                            .toList(),
                    this::buildIndex);
            inParallel(byTable(byLevel.getOrDefault("2", List.of())), this::buildForeignKey);
        } finally {
            inParallel(byTable(byLevel.getOrDefault("3", List.of())), this::build);
        }
        return pending.size();
    }

    /** Refreshes the planner's statistics of the tables (after a load that changed them wholesale). */
    public void analyze(List<String> tables) {
        inParallel(
                tables.stream()
                        .map(table -> List.<String[]>of(new String[] {table}))
                        .toList(),
                (c, item) -> {
                    try (Statement statement = c.createStatement()) {
                        statement.execute("ANALYZE " + identifier(item[0]));
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not analyze the tables: " + e.getSQLState(), e);
                    }
                });
    }

    /** Connections building at once: PostgreSQL's parallel index builds use the cores as well. */
    private static final int WORKERS = 2;

    private static final Pattern TABLE_OF =
            Pattern.compile("^ALTER TABLE (\\S+) |^CREATE .*? ON (?:ONLY )?(\\S+) USING ");

    private static final Pattern KEY = Pattern.compile("^(PRIMARY KEY|UNIQUE) \\(([^()]+)\\)$");

    private static final Pattern CONSTRAINT =
            Pattern.compile("^ALTER TABLE (\\S+) ADD CONSTRAINT (\\S+) (.+)$", Pattern.DOTALL);

    /** The items grouped by the table they build on, in their order; the largest tables first. */
    private List<List<String[]>> byTable(List<String[]> items) {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        for (String[] item : items) {
            Matcher m = TABLE_OF.matcher(item[1]);
            String table = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : item[1];
            tables.computeIfAbsent(table, t -> new ArrayList<>()).add(item);
        }
        // Named as PostgreSQL printed them, with or without their schema: grouped by what they name.
        Map<Long, List<String[]>> byOid = new LinkedHashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        try (Connection c = owner.getConnection();
                PreparedStatement size = c.prepareStatement(
                        "SELECT coalesce(to_regclass(?)::oid, 0), coalesce(pg_relation_size(to_regclass(?)), 0)")) {
            for (Map.Entry<String, List<String[]>> table : tables.entrySet()) {
                size.setString(1, table.getKey());
                size.setString(2, table.getKey());
                try (ResultSet rows = size.executeQuery()) {
                    rows.next();
                    // A table that does not exist (any more) stays a group of its own, to fail by name.
                    long oid = rows.getLong(1) == 0 ? -1 - byOid.size() : rows.getLong(1);
                    byOid.computeIfAbsent(oid, o -> new ArrayList<>()).addAll(table.getValue());
                    sizes.put(oid, rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not measure the tables: " + e.getSQLState(), e);
        }
        List<Long> order = new ArrayList<>(byOid.keySet());
        order.sort(Comparator.comparingLong((Long table) -> sizes.get(table)).reversed());
        return order.stream().map(byOid::get).toList();
    }

    /** Between statements given to {@link #inTransactions}: commit what came before. */
    private static final String COMMIT = "COMMIT";

    /** For each transaction only: the pooled connection goes back with its usual settings. */
    private static final String BUILD_MEMORY = "SET LOCAL maintenance_work_mem = '512MB'";

    /** An index, or a key, or anything else recorded, built in one transaction with the removal of its record. */
    private void build(Connection c, String[] item) {
        inTransactions(c, item, item[1]);
    }

    /**
     * A primary or unique key is built as a unique index first, which lets the table's other indexes
     * be built at the same time (adding the key directly locks the table against them), then made the
     * key. An interruption in between leaves the index, which the next attempt takes as it is.
     */
    private void buildIndex(Connection c, String[] item) {
        Matcher m = CONSTRAINT.matcher(item[1]);
        Matcher key = m.matches() ? KEY.matcher(m.group(3)) : null;
        if (key == null || !key.matches()) {
            build(c, item);
            return;
        }
        String table = m.group(1);
        String name = m.group(2);
        inTransactions(
                c,
                item,
                "CREATE UNIQUE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + key.group(2) + ")",
                COMMIT,
                "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + key.group(1) + " USING INDEX " + name);
    }

    /**
     * A foreign key, added without checking the rows (brief locks on both tables), then checked with a
     * lock that lets other tables' keys be checked at the same time; the record goes with the check. A
     * key left unchecked by an interruption is dropped and added again by the next attempt.
     */
    private void buildForeignKey(Connection c, String[] item) {
        Matcher m = CONSTRAINT.matcher(item[1]);
        if (!m.matches() || item[1].endsWith(" NOT VALID")) {
            build(c, item);
            return;
        }
        String table = m.group(1);
        String name = m.group(2);
        List<String> statements = new ArrayList<>();
        try (PreparedStatement exists = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(?) AND quote_ident(conname) = ?)""")) {
            exists.setString(1, table);
            exists.setString(2, name);
            try (ResultSet rows = exists.executeQuery()) {
                rows.next();
                if (rows.getBoolean(1)) {
                    // Dropping takes the table's strongest lock even when there is nothing to drop.
                    statements.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                }
            }
        } catch (SQLException e) {
            throw failed(item, e);
        }
        statements.addAll(
                List.of(item[1] + " NOT VALID", COMMIT, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name));
        inTransactions(c, item, statements.toArray(String[]::new));
    }

    /**
     * Runs the statements, {@link #COMMIT} among them committing what came before; the removal of the
     * item's record goes with the last of them. A failure rolls back the transaction it happened in.
     */
    private static void inTransactions(Connection c, String[] item, String... statements) {
        try {
            c.setAutoCommit(false);
            try (Statement statement = c.createStatement()) {
                statement.execute(BUILD_MEMORY);
                for (String sql : statements) {
                    if (sql.equals(COMMIT)) {
                        c.commit();
                        statement.execute(BUILD_MEMORY);
                    } else {
                        statement.execute(sql);
                    }
                }
                done(c, item);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw failed(item, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(item, e);
        }
    }

    private static void done(Connection c, String[] item) throws SQLException {
        try (PreparedStatement done = c.prepareStatement("DELETE FROM installation_fact WHERE name = ?")) {
            done.setString(1, item[0]);
            done.executeUpdate();
        }
    }

    private static IllegalStateException failed(String[] item, SQLException e) {
        return new IllegalStateException(
                "Could not build " + item[0].substring(FACT.length() + 2) + ": " + e.getSQLState(), e);
    }

    /**
     * Runs each group's items in order on one connection, the groups shared among {@link #WORKERS}
     * threads in the order given. A failure ends its group; the other groups still run, and the first
     * failure is thrown once all are done.
     */
    private void inParallel(List<List<String[]>> groups, BiConsumer<Connection, String[]> step) {
        if (groups.isEmpty()) {
            return;
        }
        Queue<List<String[]>> queue = new ConcurrentLinkedQueue<>(groups);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // The calling thread always works; a helper that finds no free connection leaves the work to it.
        Consumer<Boolean> worker = helper -> {
            try (Connection c = owner.getConnection()) {
                List<String[]> group;
                while ((group = queue.poll()) != null) {
                    try {
                        for (String[] item : group) {
                            step.accept(c, item);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            } catch (SQLException e) {
                if (!helper) {
                    failure.compareAndSet(
                            null, new IllegalStateException("No connection to build with: " + e.getSQLState(), e));
                }
            }
        };
        int workers = Math.min(WORKERS, groups.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Thread thread = new Thread(() -> worker.accept(true), "deferred-indexes-" + i);
            thread.start();
            threads.add(thread);
        }
        worker.accept(false);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while building the indexes set aside", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** A table's name as given, checked to be a plain (optionally schema-qualified) identifier. */
    private static String identifier(String table) {
        if (!table.matches("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return table;
    }
}
