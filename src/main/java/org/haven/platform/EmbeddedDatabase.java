package org.haven.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 that Haven runs when no external database is configured. Its data lives
 * in {@code HAVEN_HOME/postgres}. On first start it replaces the initial trust authentication with a
 * random password (kept in {@code HAVEN_HOME/postgres-password}, mode 0600). When another Haven
 * process (the server) already runs the database, an admin command attaches to it instead of starting
 * a second one.
 */
final class EmbeddedDatabase implements DatabaseEndpoint {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "haven";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, String password) {
        this.postgres = postgres;
        this.port = port;
        this.password = password;
    }

    /** Starts the embedded database in {@code home}, or attaches to the one already running there. */
    static EmbeddedDatabase startOrAttach(Path home, boolean durable) {
        Path dataDirectory = home.resolve("postgres");
        Path passwordFile = home.resolve("postgres-password");
        try {
            Files.createDirectories(home);
            Integer runningPort = runningPort(dataDirectory);
            if (runningPort != null && Files.exists(passwordFile)) {
                return new EmbeddedDatabase(null, runningPort, readPassword(passwordFile));
            }
            String knownPassword = Files.exists(passwordFile) ? readPassword(passwordFile) : null;
            String sync = durable ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "100")
                    // zonky defaults suit throw-away test databases; real data must survive a crash.
                    .setServerConfig("fsync", sync)
                    .setServerConfig("synchronous_commit", sync)
                    .setServerConfig("full_page_writes", sync);
            if (knownPassword != null) {
                builder.setConnectConfig("password", knownPassword);
            }
            EmbeddedPostgres postgres = builder.start();
            String password = knownPassword != null ? knownPassword : secure(postgres, dataDirectory, passwordFile);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, postgres.getPort(), password);
            database.createDatabaseIfMissing();
            return database;
        } catch (IOException | SQLException e) {
            throw new StartupProblem("The embedded database in " + dataDirectory + " could not be started: "
                    + StartupProblem.firstLine(e.getMessage()));
        }
    }

    /** The port of a PostgreSQL already running on this data directory, or null. */
    private static Integer runningPort(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return null;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Integer.valueOf(lines.get(3).trim()) : null;
    }

    /** Sets a random password, switches authentication to SCRAM, and remembers the password. */
    private static String secure(EmbeddedPostgres postgres, Path dataDirectory, Path passwordFile)
            throws IOException, SQLException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
        }
        Files.writeString(
                dataDirectory.resolve("pg_hba.conf"),
                "# Written by Haven: password authentication only, loopback only.\n"
                        + "host all all 127.0.0.1/32 scram-sha-256\n"
                        + "host all all ::1/128 scram-sha-256\n",
                StandardCharsets.UTF_8);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
        log.info("Embedded database secured with a generated password");
        return password;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!result.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static String readPassword(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    @Override
    public String url() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return password;
    }

    /** Stops the database if this process started it; an attached process leaves it running. */
    @Override
    public void close() throws IOException {
        if (postgres != null) {
            log.info("Stopping the embedded database");
            postgres.close();
        }
    }
}
