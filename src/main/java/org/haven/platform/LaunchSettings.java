package org.haven.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The few settings that must be known before Spring starts: where Haven keeps its state, which port
 * it serves, which master key and which database it uses. They come from {@code HAVEN_*}
 * environment variables; everything else is ordinary Spring configuration.
 *
 * @param home directory holding the embedded database, the master key and the logs
 * @param port HTTP port
 * @param masterKeyFile the master key file
 * @param masterKeyExplicit whether the operator named the master key file (then it must exist)
 * @param databaseUrl JDBC URL of an external PostgreSQL, or null for the embedded one
 * @param databaseUser user for the external database
 * @param databasePassword password for the external database, never printed
 */
public record LaunchSettings(
        Path home,
        int port,
        Path masterKeyFile,
        boolean masterKeyExplicit,
        String databaseUrl,
        String databaseUser,
        String databasePassword) {

    /** Reads the settings from the process environment. */
    public static LaunchSettings fromEnvironment() {
        return from(System.getenv());
    }

    static LaunchSettings from(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HAVEN_HOME", "haven-data"))
                .toAbsolutePath()
                .normalize();
        int port = parsePort(env.getOrDefault("HAVEN_PORT", "8080"));
        String keyFile = blankToNull(env.get("HAVEN_MASTER_KEY_FILE"));
        Path masterKey = keyFile == null
                ? home.resolve("master-key.json")
                : Path.of(keyFile).toAbsolutePath().normalize();
        return new LaunchSettings(
                home,
                port,
                masterKey,
                keyFile != null,
                blankToNull(env.get("HAVEN_DATABASE_URL")),
                env.getOrDefault("HAVEN_DATABASE_USER", ""),
                env.getOrDefault("HAVEN_DATABASE_PASSWORD", ""));
    }

    /** The Spring properties these settings imply; explicit Spring configuration still wins. */
    public Map<String, Object> springDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("haven.home", home.toString());
        defaults.put("haven.master-key-file", masterKeyFile.toString());
        defaults.put("haven.master-key-explicit", masterKeyExplicit);
        defaults.put("server.port", port);
        defaults.put(
                "logging.file.name", home.resolve("logs").resolve("haven.log").toString());
        if (databaseUrl != null) {
            defaults.put("haven.database.url", databaseUrl);
            defaults.put("haven.database.user", databaseUser);
            defaults.put("haven.database.password", databasePassword);
        }
        return defaults;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupProblem("HAVEN_PORT must be a number between 1 and 65535, not '" + value + "'.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "LaunchSettings[home=" + home + ", port=" + port + ", masterKeyFile=" + masterKeyFile
                + ", databaseUrl=" + (databaseUrl == null ? "embedded" : DatabaseUrls.redact(databaseUrl))
                + ", databasePassword=<masked>]";
    }
}
