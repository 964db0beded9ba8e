package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: password-protected, loopback only, reusable across restarts, attachable. */
class EmbeddedDatabaseTests {

    @TempDir
    Path home;

    @Test
    void itIsPasswordProtectedAndSurvivesARestartWithItsData() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startOrAttach(home, false)) {
            Path passwordFile = home.resolve("postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            try (Connection connection = connect(database.url(), database.password())) {
                connection.createStatement().execute("CREATE TABLE kept (v text)");
                connection.createStatement().execute("INSERT INTO kept VALUES ('still here')");
            }
            assertThatThrownBy(() -> connect(database.url(), "wrong")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(database.url(), "")).isInstanceOf(SQLException.class);

            try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(home, false)) {
                assertThat(attached.url()).as("a second process attaches").isEqualTo(database.url());
            }
            try (Connection connection = connect(database.url(), database.password())) {
                assertThat(connection.isValid(2))
                        .as("closing an attached endpoint leaves the database up")
                        .isTrue();
            }
        }
        assertThat(home.resolve("postgres/postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.startOrAttach(home, false);
                Connection connection = connect(restarted.url(), restarted.password())) {
            var result = connection.createStatement().executeQuery("SELECT v FROM kept");
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("still here");
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }
}
