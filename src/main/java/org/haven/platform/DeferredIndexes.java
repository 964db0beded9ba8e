package org.haven.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Builds every recorded index and key (keys and indexes first, then foreign keys); returns how many. */
    public int restore() {
        try (Connection c = owner.getConnection()) {
            List<String[]> pending = new ArrayList<>();
            try (PreparedStatement list =
                    c.prepareStatement("SELECT name, value FROM installation_fact WHERE name LIKE ? ORDER BY name")) {
                list.setString(1, FACT + "%");
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        pending.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            if (pending.isEmpty()) {
                return 0;
            }
            c.setAutoCommit(false);
            try {
                for (String[] item : pending) {
                    try (Statement build = c.createStatement();
                            PreparedStatement done =
                                    c.prepareStatement("DELETE FROM installation_fact WHERE name = ?")) {
                        // For this transaction only: the pooled connection goes back with its usual settings.
                        build.execute("SET LOCAL maintenance_work_mem = '512MB'");
                        build.execute(item[1]);
                        done.setString(1, item[0]);
                        done.executeUpdate();
                        c.commit();
                    } catch (SQLException e) {
                        c.rollback();
                        throw new IllegalStateException(
                                "Could not build " + item[0].substring(FACT.length() + 2) + ": " + e.getSQLState(), e);
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
            return pending.size();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not build the indexes set aside: " + e.getSQLState(), e);
        }
    }

    /** Refreshes the planner's statistics of the tables (after a load that changed them wholesale). */
    public void analyze(List<String> tables) {
        try (Connection c = owner.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("ANALYZE "
                    + String.join(
                            ", ",
                            tables.stream().map(DeferredIndexes::identifier).toList()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not analyze the tables: " + e.getSQLState(), e);
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
