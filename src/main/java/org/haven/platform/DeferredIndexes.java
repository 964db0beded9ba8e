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
        String[] names = tables.stream().map(DeferredIndexes::identifier).toArray(String[]::new);
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
                try (PreparedStatement indexes = c.prepareStatement("""
                        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                               pg_get_indexdef(i.indexrelid)
                        FROM pg_index i
                        WHERE i.indrelid = ANY (?::regclass[])
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                          AND c.conrelid = i.indrelid)
                        ORDER BY 1, 2""")) {
                    indexes.setArray(1, c.createArrayOf("text", names));
                    try (ResultSet rows = indexes.executeQuery()) {
                        while (rows.next()) {
                            found.put(
                                    FACT + "1:" + rows.getString(1) + "." + rows.getString(2),
                                    new String[] {"DROP INDEX " + rows.getString(2), rows.getString(3)});
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
     * The tables are shared among {@link #WORKERS} connections, largest first, each table's items built
     * in order by one of them: two builds of one table would wait for each other's locks. A failure
     * stops its own table's items, not the other tables', and leaves the foreign keys unbuilt.
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
        Map<Boolean, List<String[]>> byLevel = new LinkedHashMap<>();
        for (String[] item : pending) {
            byLevel.computeIfAbsent(item[0].startsWith(FACT + "2:"), level -> new ArrayList<>())
                    .add(item);
        }
        inParallel(byTable(byLevel.getOrDefault(false, List.of())), this::build);
        inParallel(byTable(byLevel.getOrDefault(true, List.of())), this::buildForeignKey);
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
        Map<String, Long> sizes = new HashMap<>();
        try (Connection c = owner.getConnection();
                PreparedStatement size = c.prepareStatement("SELECT pg_relation_size(to_regclass(?))")) {
            for (String table : tables.keySet()) {
                size.setString(1, table);
                try (ResultSet rows = size.executeQuery()) {
                    sizes.put(table, rows.next() ? rows.getLong(1) : 0L);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not measure the tables: " + e.getSQLState(), e);
        }
        List<String> order = new ArrayList<>(tables.keySet());
        order.sort(Comparator.comparingLong((String table) -> sizes.get(table)).reversed());
        return order.stream().map(tables::get).toList();
    }

    /** An index or key, built in one transaction with the removal of its record. */
    private void build(Connection c, String[] item) {
        try {
            c.setAutoCommit(false);
            try (Statement build = c.createStatement()) {
                // For this transaction only: the pooled connection goes back with its usual settings.
                build.execute("SET LOCAL maintenance_work_mem = '512MB'");
                build.execute(item[1]);
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
        try (Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name);
                statement.execute(item[1] + " NOT VALID");
                c.commit();
                statement.execute("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name);
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
        Runnable worker = () -> {
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
                failure.compareAndSet(
                        null, new IllegalStateException("No connection to build with: " + e.getSQLState(), e));
            }
        };
        int workers = Math.min(WORKERS, groups.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Thread thread = new Thread(worker, "deferred-indexes-" + i);
            thread.start();
            threads.add(thread);
        }
        worker.run();
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
