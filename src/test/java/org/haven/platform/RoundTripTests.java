package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.haven.HavenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Statements sent together by {@link RoundTrip} reach PostgreSQL in one write and answer in order.
 * The writes are counted on the connection's own socket (the driver's {@code socketFactory}).
 */
@HavenTest
class RoundTripTests {

    @Autowired
    HikariDataSource pool;

    Connection connection;
    JdbcTemplate jdbc;

    @BeforeEach
    void connect() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", pool.getUsername());
        properties.setProperty("password", pool.getPassword());
        properties.setProperty("socketFactory", CountingSockets.class.getName());
        connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        connection.setAutoCommit(false);
        jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        jdbc.execute(
                "CREATE TEMPORARY TABLE round_trip_row (id UUID PRIMARY KEY, label TEXT NOT NULL, at TIMESTAMPTZ)");
        jdbc.update("INSERT INTO round_trip_row (id, label) VALUES (?, 'first')", FIRST);
        // The table lives as long as the connection; each test's own work is rolled back after it.
        connection.commit();
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.rollback();
        connection.close();
    }

    static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");

    static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void aScopeAReadAndAWriteGoInOneWriteAndTheReadAnswers() {
        // Twelve times: past the driver's threshold (5) at which it prepares statements on the server.
        for (int i = 0; i < 12; i++) {
            int before = CountingSockets.writes.get();
            RoundTrip.Outcome<String> outcome = RoundTrip.run(
                    jdbc,
                    (rs, n) -> rs.getString("label") + "@" + rs.getString("scope"),
                    List.of(
                            RoundTrip.Statement.of("SELECT set_config('haven.round_trip', ?, true)", "scoped"),
                            RoundTrip.Statement.of(
                                    "UPDATE round_trip_row SET at = ? WHERE id = ?",
                                    Timestamp.from(Instant.parse("2026-11-30T00:00:00Z")),
                                    FIRST),
                            RoundTrip.Statement.of(
                                    "INSERT INTO round_trip_row (id, label, at) VALUES (?, ?, ?)",
                                    UUID.randomUUID(),
                                    "row " + i,
                                    null),
                            RoundTrip.Statement.of(
                                    "SELECT label, current_setting('haven.round_trip') AS scope FROM round_trip_row"
                                            + " WHERE id = ?",
                                    FIRST)));

            assertThat(CountingSockets.writes.get() - before)
                    .as("writes, turn %d", i)
                    .isEqualTo(1);
            assertThat(outcome.counts()).containsExactly(-1, 1, 1, -1);
            assertThat(outcome.rows()).containsExactly("first@scoped");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM round_trip_row", Integer.class))
                .isEqualTo(13);
    }

    @Test
    void theSameStatementsOneByOneTakeAWriteEach() {
        int before = CountingSockets.writes.get();
        jdbc.queryForObject("SELECT set_config('haven.round_trip', ?, true)", String.class, "scoped");
        jdbc.update("UPDATE round_trip_row SET label = ? WHERE id = ?", "changed", FIRST);
        jdbc.queryForObject("SELECT label FROM round_trip_row WHERE id = ?", String.class, FIRST);

        assertThat(CountingSockets.writes.get() - before).isEqualTo(3);
    }

    @Test
    void aStatementReturningRowsWithATimestampParameterIsSentApart() {
        // What RoundTrip's documentation warns of: the driver describes such a statement first, and then
        // sends a Sync and waits before the statements after it.
        int before = CountingSockets.writes.get();
        for (int i = 0; i < 12; i++) {
            RoundTrip.run(
                    jdbc,
                    (rs, n) -> rs.getString(1),
                    List.of(
                            RoundTrip.Statement.of(
                                    "UPDATE round_trip_row SET at = ? WHERE id = ? RETURNING label",
                                    Timestamp.from(Instant.parse("2026-11-30T00:00:00Z")),
                                    FIRST),
                            RoundTrip.Statement.of("SELECT label FROM round_trip_row WHERE id = ?", FIRST)));
        }

        assertThat(CountingSockets.writes.get() - before).isGreaterThan(12);
    }

    @Test
    void aFailingStatementFailsTheCallAndTheRollbackUndoesTheOnesBefore() throws Exception {
        assertThatThrownBy(() -> RoundTrip.write(
                        jdbc,
                        List.of(
                                RoundTrip.Statement.of(
                                        "UPDATE round_trip_row SET label = ? WHERE id = ?", "changed", FIRST),
                                RoundTrip.Statement.of(
                                        "INSERT INTO round_trip_row (id, label) VALUES (?, ?)", FIRST, "twice"))))
                .isInstanceOf(DataAccessException.class);
        connection.rollback();

        assertThat(jdbc.queryForObject("SELECT label FROM round_trip_row WHERE id = ?", String.class, FIRST))
                .isEqualTo("first");
    }

    @Test
    void namedParametersBecomePositionalAndSeveralStatementsAreOneEach() {
        RoundTrip.Statement named = RoundTrip.Statement.named(
                "UPDATE round_trip_row SET label = :label WHERE id = :id AND label <> :label",
                java.util.Map.of("label", "renamed", "id", FIRST));

        assertThat(named.sql()).isEqualTo("UPDATE round_trip_row SET label = ? WHERE id = ? AND label <> ?");
        assertThat(named.params()).containsExactly("renamed", FIRST, "renamed");
        assertThat(RoundTrip.write(jdbc, List.of(named))).containsExactly(1);
        assertThatThrownBy(() -> RoundTrip.Statement.of("SELECT 1; SELECT 2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamedStatementParsedOnceTakesEachCallsOwnValues() {
        String sql = "UPDATE round_trip_row SET label = :label WHERE id = :id OR id = :other";
        RoundTrip.Statement first =
                RoundTrip.Statement.named(sql, java.util.Map.of("label", "x", "id", FIRST, "other", SECOND));
        RoundTrip.Statement second =
                RoundTrip.Statement.named(sql, java.util.Map.of("label", "y", "id", SECOND, "other", FIRST));

        assertThat(RoundTrip.parsed(sql)).isSameAs(RoundTrip.parsed(sql));
        assertThat(first.sql()).isEqualTo("UPDATE round_trip_row SET label = ? WHERE id = ? OR id = ?");
        assertThat(second.sql()).isEqualTo(first.sql());
        assertThat(first.params()).containsExactly("x", FIRST, SECOND);
        assertThat(second.params()).containsExactly("y", SECOND, FIRST);
    }

    /** The driver's sockets, each counting the writes to its output (the driver buffers, then writes). */
    public static class CountingSockets extends SocketFactory {

        static final AtomicInteger writes = new AtomicInteger();

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public OutputStream getOutputStream() throws IOException {
                    return new FilterOutputStream(super.getOutputStream()) {
                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            writes.incrementAndGet();
                            out.write(bytes, offset, length);
                        }

                        @Override
                        public void write(int b) throws IOException {
                            writes.incrementAndGet();
                            out.write(b);
                        }
                    };
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("the driver creates unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("the driver creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("the driver creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("the driver creates unconnected sockets");
        }
    }
}
