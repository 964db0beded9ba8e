package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PostgreSQL driver sends a statement in one round trip, also one with a timestamp parameter that
 * returns text once it is prepared on the server. The driver of Spring Boot 4.0.7 (42.7.11) first sent
 * a Sync and waited for the server's answer before every such statement — the token check and the
 * update of every case change among them (decision 41). Fails if the driver falls back to such a
 * version.
 */
@HavenTest
class DriverRoundTripsTests {

    @Autowired
    DataSource dataSource;

    @Test
    void aPreparedStatementWithATimestampParameterReturningTextTakesOneRoundTrip() throws Exception {
        Logger driver = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        List<String> forcedSyncs = new ArrayList<>();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // Only the message pattern is kept: the driver's finest records also carry parameters.
                if (record.getMessage() != null && record.getMessage().startsWith("Forcing Sync")) {
                    forcedSyncs.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = driver.getLevel();
        boolean parents = driver.getUseParentHandlers();
        driver.setUseParentHandlers(false);
        driver.addHandler(counter);
        driver.setLevel(Level.FINEST);
        int rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // Past the driver's prepare threshold (5): the statement is then named and described.
            for (int i = 0; i < 12; i++) {
                try (PreparedStatement statement =
                        connection.prepareStatement("SELECT ?::timestamptz AS at, repeat('x', ?) AS label")) {
                    statement.setTimestamp(1, Timestamp.from(Instant.parse("2026-11-30T00:00:00Z")));
                    statement.setInt(2, 3);
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            assertThat(result.getString("label")).isEqualTo("xxx");
                            rows++;
                        }
                    }
                }
            }
            connection.rollback();
        } finally {
            driver.setLevel(level);
            driver.removeHandler(counter);
            driver.setUseParentHandlers(parents);
        }
        assertThat(rows).isEqualTo(12);
        assertThat(forcedSyncs).isEmpty();
    }
}
