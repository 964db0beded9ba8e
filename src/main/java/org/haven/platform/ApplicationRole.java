package org.haven.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database role the running application uses: not a superuser, no right to create anything, no
 * way around row-level security, and no UPDATE, DELETE or TRUNCATE on tables whose comment starts
 * with "append-only" (the audit trail). Migrations run as the database owner; then this role is
 * created if missing and granted what the schema allows it.
 *
 * <p>Its password is derived from the owner's (HMAC-SHA-256), so every node of a cluster computes
 * the same one and nothing more needs storing. An operator who prefers to create the role can set
 * {@code HAVEN_DATABASE_APP_USER} and {@code HAVEN_DATABASE_APP_PASSWORD}; Haven then only grants.
 */
public final class ApplicationRole {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRole.class);

    private final String name;
    private final String password;
    private final boolean managed;

    private ApplicationRole(String name, String password, boolean managed) {
        this.name = name;
        this.password = password;
        this.managed = managed;
    }

    static ApplicationRole of(DatabaseEndpoint owner, String configuredUser, String configuredPassword) {
        if (configuredUser != null && !configuredUser.isBlank()) {
            return new ApplicationRole(configuredUser.strip(), configuredPassword, false);
        }
        String database = owner.url().replaceFirst("[?;].*$", "").replaceFirst("^.*/", "");
        String name = (database + "_app").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        return new ApplicationRole(name, derivePassword(owner.password(), name), true);
    }

    String name() {
        return name;
    }

    String password() {
        return password;
    }

    /** Creates the role when Haven manages it and grants it exactly what it may do. */
    void apply(DataSource ownerDataSource) {
        try (Connection connection = ownerDataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            if (managed) {
                ensureRole(connection, statement);
            }
            statement.execute("GRANT USAGE ON SCHEMA public TO " + quoted());
            for (String table : tables(connection)) {
                statement.execute("REVOKE ALL ON TABLE " + table + " FROM " + quoted());
                if (table.equals("flyway_schema_history")) {
                    statement.execute("GRANT SELECT ON TABLE " + table + " TO " + quoted());
                    continue;
                }
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " + table + " TO " + quoted());
            }
            for (String table : appendOnlyTables(connection)) {
                statement.execute("REVOKE UPDATE, DELETE, TRUNCATE ON TABLE " + table + " FROM " + quoted());
            }
            statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + quoted());
            statement.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO " + quoted());
            connection.commit();
        } catch (SQLException e) {
            throw new StartupProblem("The database user cannot set up Haven's application role " + name
                    + " (" + StartupProblem.firstLine(e.getMessage())
                    + "). Give it the CREATEROLE right, or create the role"
                    + " yourself and set HAVEN_DATABASE_APP_USER and HAVEN_DATABASE_APP_PASSWORD.");
        }
    }

    private void ensureRole(Connection connection, Statement statement) throws SQLException {
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                exists = result.next();
            }
        }
        String attributes =
                " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + password + "'";
        statement.execute("SET LOCAL password_encryption = 'scram-sha-256'");
        statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + quoted() + " WITH" + attributes);
        if (!exists) {
            log.info("Created the application's database role");
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        return names(
                connection,
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    }

    private static List<String> appendOnlyTables(Connection connection) throws SQLException {
        return names(connection, """
                SELECT quote_ident(c.relname) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = 0
                WHERE c.relkind = 'r' AND d.description LIKE 'append-only%'
                """);
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    private String quoted() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String derivePassword(String ownerPassword, String role) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key =
                    ("haven-app-role|" + (ownerPassword == null ? "" : ownerPassword)).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] derived = mac.doFinal(role.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ApplicationRole[name=" + name + ", password=<masked>]";
    }
}
