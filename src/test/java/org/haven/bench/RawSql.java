package org.haven.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw-PostgreSQL side of the HTTP benchmark: the same reads and writes as plain JDBC statements on
 * the database Haven runs on, with as many clients (one connection each) for as long, and no
 * encryption, authorization, auditing or HTTP. Writes go to plain copies of Haven's tables
 * ({@code bench_raw_*}, same columns and indexes, no triggers or foreign keys), so Haven's own rows
 * and audit trail stay as Haven wrote them.
 */
final class RawSql {

    /** Latencies and throughput of one raw run. */
    record Run(long operations, double seconds, double p50Millis, double p95Millis, double p99Millis) {
        double perSecond() {
            return operations / seconds;
        }
    }

    /** One statement (or short sequence) per call, on the calling client's connection. */
    @FunctionalInterface
    interface Operation {
        void run(Connection connection, int client, long iteration) throws SQLException;
    }

    private final String url;
    private final Properties properties = new Properties();

    RawSql(int port, String password) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/haven";
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    /** Creates the plain copies and the plain-text name table that the raw operations use. */
    /** The scratch tables, dropped before and after a run. */
    private static final List<String> TABLES = List.of(
            "bench_raw_case",
            "bench_raw_note",
            "bench_raw_report",
            "bench_raw_person",
            "bench_raw_event",
            "bench_raw_audit");

    void prepare(UUID organization, List<String> names) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            statement.execute("DROP SEQUENCE IF EXISTS bench_raw_audit_seq");
            statement.execute("CREATE TABLE bench_raw_case (LIKE case_file INCLUDING ALL)");
            statement.execute("INSERT INTO bench_raw_case SELECT * FROM case_file WHERE organization_id = '"
                    + organization + "'");
            statement.execute("CREATE TABLE bench_raw_note (LIKE case_note INCLUDING ALL)");
            statement.execute("CREATE TABLE bench_raw_event (LIKE case_event INCLUDING ALL)");
            // Indexes and constraints but not the defaults, which would take numbers from the real trail's
            // sequence; xid and seq are given as the audit trail gives them.
            statement.execute(
                    "CREATE TABLE bench_raw_audit (LIKE audit_event INCLUDING INDEXES INCLUDING CONSTRAINTS)");
            statement.execute("CREATE SEQUENCE bench_raw_audit_seq");
            statement.execute("CREATE TABLE bench_raw_report (LIKE report INCLUDING ALL)");
            statement.execute("CREATE TABLE bench_raw_person (id UUID PRIMARY KEY, name TEXT NOT NULL)");
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO bench_raw_person (id, name) VALUES (?, ?)")) {
                int batch = 0;
                for (String name : names) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, name);
                    insert.addBatch();
                    if (++batch % 1_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            statement.execute("CREATE INDEX bench_raw_person_name ON bench_raw_person USING gin (name gin_trgm_ops)");
            // Vacuumed, not only analyzed: rows just copied carry no hint bits and no visibility map, and the
            // first raw run would otherwise pay for setting them while Haven's tables, long since vacuumed by
            // autovacuum, do not; raw SQL is to be measured at its best (docs/benchmarks.md).
            statement.execute("VACUUM (FREEZE, ANALYZE) bench_raw_case");
            statement.execute("VACUUM (FREEZE, ANALYZE) bench_raw_person");
        }
    }

    /** Drops the copies. */
    void cleanUp() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            statement.execute("DROP SEQUENCE IF EXISTS bench_raw_audit_seq");
        }
    }

    /** Runs {@code operation} on {@code clients} connections for {@code duration}. */
    Run run(int clients, Duration duration, Operation operation) throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(connect());
        }
        try {
            long[][] latencies = new long[clients][];
            int[] counts = new int[clients];
            Exception[] failures = new Exception[clients];
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    try {
                        Connection connection = connections.get(client);
                        while (true) {
                            long before = System.nanoTime();
                            if (before >= end) {
                                break;
                            }
                            operation.run(connection, client, n);
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, mine.length * 2);
                            }
                            mine[n++] = System.nanoTime() - before;
                        }
                    } catch (Exception e) {
                        failures[client] = e;
                    }
                    latencies[client] = mine;
                    counts[client] = n;
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Exception failure : failures) {
                if (failure != null) {
                    throw failure;
                }
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(latencies[c], 0, all, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(all);
            return new Run(total, seconds, percentile(all, 50), percentile(all, 95), percentile(all, 99));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // The operations, each the closest plain-SQL counterpart of one Haven request.

    /** The case row and its person row by the case's id (Haven also decrypts, authorizes and audits). */
    static Operation caseView(List<UUID> cases) {
        return (connection, client, i) -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM case_file c JOIN person p ON p.id = c.person_id WHERE c.id = ?")) {
                select.setObject(1, cases.get(ThreadLocalRandom.current().nextInt(cases.size())));
                drain(select);
            }
        };
    }

    /**
     * A trigram similarity search over a plain-text copy of the names, the top 20 by similarity.
     * Haven's names are encrypted: it looks up keyed hashes of the typed name's folded, phonetic and
     * trigram tokens, then decrypts and ranks the candidates.
     */
    static Operation personSearch(List<String> terms) {
        return (connection, client, i) -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, similarity(name, ?) AS score FROM bench_raw_person WHERE name % ?"
                            + " ORDER BY score DESC LIMIT 20")) {
                String term = terms.get((int) ((i * 31 + client) % terms.size()));
                select.setString(1, term);
                select.setString(2, term);
                drain(select);
            }
        };
    }

    /** The worklist's own query for one filter (first page of 50), without the scope check's parameters. */
    static Operation caseList(UUID organization, List<String[]> filters) {
        return (connection, client, i) -> {
            String[] filter = filters.get((int) ((i + client) % filters.size()));
            String stage = filter[0];
            String risk = filter[1];
            String order = risk == null ? "c.risk_level = 'CRITICAL' DESC, c.updated_at DESC" : "c.updated_at DESC";
            StringBuilder sql = new StringBuilder("""
                    WITH page AS (
                        SELECT c.id, c.person_id, c.reference, c.stage, c.risk_level, c.caseworker_id,
                            c.last_contact_at, c.updated_at, c.organization_id
                        FROM case_file c WHERE c.organization_id = ?""");
            sql.append(stage == null ? " AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')" : " AND c.stage = ?");
            if (risk != null) {
                sql.append(" AND c.risk_level = ?");
            }
            sql.append(" ORDER BY " + order + " LIMIT 50)\n");
            sql.append("""
                    SELECT c.id, c.person_id, c.reference, c.stage, c.risk_level, c.caseworker_id, c.last_contact_at,
                        (SELECT count(*) FROM case_flag g WHERE g.organization_id = c.organization_id AND g.case_id = c.id
                        AND g.cleared_at IS NULL) AS flags,
                        (SELECT min(f.due_on) FROM case_follow_up f WHERE f.organization_id = c.organization_id
                        AND f.case_id = c.id AND f.done_on IS NULL)
                    FROM page c""").append(" ORDER BY ").append(order);
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int p = 1;
                select.setObject(p++, organization);
                if (stage != null) {
                    select.setString(p++, stage);
                }
                if (risk != null) {
                    select.setString(p, risk);
                }
                drain(select);
            }
        };
    }

    /**
     * The rows Haven writes for a risk change, in one transaction: the case's risk level, version and
     * time; two timeline rows (the risk change, the change); one audit row with details of the size of
     * Haven's sealed ones (each client its own cases, as in the wrk script).
     */
    static Operation caseUpdate(UUID organization, UUID actor, List<UUID> cases, int clients) {
        String[] risks = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
        return (connection, client, i) -> {
            int perClient = Math.max(1, cases.size() / clients);
            UUID id = cases.get((int) (client * perClient + i % perClient) % cases.size());
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench_raw_case SET risk_level = ?, updated_at = now(), version = version + 1 WHERE id = ?")) {
                update.setString(1, risks[(int) (i % 4)]);
                update.setObject(2, id);
                update.executeUpdate();
            }
            event(connection, organization, id, actor, "RISK_CHANGED", "LOW>HIGH");
            event(connection, organization, id, actor, "CHANGED", "risk_level");
            audit(connection, organization, actor, "RECORD_CHANGED", "case_file", id, "risk_level", 0);
            connection.commit();
        };
    }

    /** A timeline row, as {@code Timeline.add} writes it. */
    private static void event(
            Connection connection, UUID organization, UUID caseId, UUID actor, String kind, String detail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bench_raw_event (id, organization_id, case_id, at, kind, actor_id, detail)"
                        + " VALUES (?, ?, ?, now(), ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, organization);
            insert.setObject(3, caseId);
            insert.setString(4, kind);
            insert.setObject(5, actor);
            insert.setString(6, detail);
            insert.executeUpdate();
        }
    }

    /** An audit row with the columns {@code AuditTrail.record} fills; {@code details} bytes stand for the sealed ones. */
    private static void audit(
            Connection connection,
            UUID organization,
            UUID actor,
            String action,
            String table,
            UUID record,
            String fields,
            int details)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bench_raw_audit (id, xid, seq, occurred_at, organization_id, actor_id, channel, action,"
                        + " outcome, record_type, record_id, fields, details) VALUES (?,"
                        + " pg_current_xact_id()::text::bigint, nextval('bench_raw_audit_seq'), now(), ?, ?, 'api', ?,"
                        + " 'SUCCESS', ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, organization);
            insert.setObject(3, actor);
            insert.setString(4, action);
            insert.setString(5, table);
            insert.setObject(6, record);
            insert.setString(7, fields);
            insert.setBytes(8, details == 0 ? null : randomBytes(details));
            insert.executeUpdate();
        }
    }

    /**
     * The rows Haven writes for a note, in one transaction: the note with a body of the size of Haven's
     * ciphertext, its timeline row, its audit row, and the case's last contact.
     */
    static Operation noteInsert(UUID organization, UUID author, List<UUID> cases) {
        return (connection, client, i) -> {
            UUID caseId = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
            UUID id = UUID.randomUUID();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_raw_note (id, organization_id, case_id, kind, happened_on, body, author_id,"
                            + " created_at) VALUES (?, ?, ?, 'HOME_VISIT', DATE '2026-11-02', ?, ?, now())")) {
                insert.setObject(1, id);
                insert.setObject(2, organization);
                insert.setObject(3, caseId);
                insert.setBytes(4, randomBytes(460));
                insert.setObject(5, author);
                insert.executeUpdate();
            }
            event(connection, organization, caseId, author, "NOTE_HOME_VISIT", null);
            audit(connection, organization, author, "RECORD_CREATED", "case_note", id, "", 0);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench_raw_case SET last_contact_at = now(), updated_at = now(), version = version + 1"
                            + " WHERE id = ?")) {
                update.setObject(1, caseId);
                update.executeUpdate();
            }
            connection.commit();
        };
    }

    /** One report row with content of the size of Haven's ciphertext for the same report. */
    static Operation reportInsert(UUID organization) {
        return (connection, client, i) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_raw_report (id, organization_id, channel, language, received_hour, danger_now,"
                            + " province, children_count, content) VALUES (?, ?, 'WEB', 'en', date_trunc('hour', now()),"
                            + " false, 'KH-12', 2, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, organization);
                insert.setBytes(3, randomBytes(400));
                insert.executeUpdate();
            }
        };
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void drain(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    rows.getObject(c);
                }
            }
        }
    }
}
