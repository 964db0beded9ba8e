package org.haven.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/**
 * Checks made before Spring starts, so that the common configuration mistakes end in one clear
 * sentence instead of a stack trace: an unusable home directory, a port in use, a missing, unreadable
 * or world-readable master key, an unreachable external database.
 */
public final class Preflight {

    private Preflight() {}

    /**
     * Runs every check.
     *
     * @param settings the launch settings
     * @param serving whether Haven will serve HTTP (false for admin commands)
     * @throws StartupProblem describing the first problem found
     */
    public static void check(LaunchSettings settings, boolean serving) {
        checkHome(settings.home());
        checkMasterKey(settings.masterKeyFile(), settings.masterKeyExplicit());
        if (serving) {
            checkPortFree(settings.port());
        }
        if (settings.databaseUrl() != null) {
            checkDatabase(settings);
        }
    }

    static void checkHome(Path home) {
        try {
            Files.createDirectories(home);
        } catch (IOException | SecurityException e) {
            throw new StartupProblem("Cannot create the Haven home directory " + home + " (HAVEN_HOME).");
        }
        if (!Files.isWritable(home)) {
            throw new StartupProblem("The Haven home directory " + home + " is not writable (HAVEN_HOME).");
        }
    }

    /** A key file that exists must be readable by Haven and by nobody else. */
    public static void checkMasterKey(Path keyFile, boolean explicit) {
        if (!Files.exists(keyFile)) {
            if (explicit) {
                throw new StartupProblem("The master key file " + keyFile
                        + " does not exist (HAVEN_MASTER_KEY_FILE); restore it from your backup.");
            }
            return;
        }
        if (!Files.isRegularFile(keyFile) || !Files.isReadable(keyFile)) {
            throw new StartupProblem("The master key file " + keyFile + " cannot be read.");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
                throw new StartupProblem("The master key file " + keyFile
                        + " can be read by other users; run 'chmod 600 " + keyFile + "' first.");
            }
        } catch (UnsupportedOperationException | IOException e) {
            throw new StartupProblem("Cannot check the permissions of the master key file " + keyFile + ".");
        }
    }

    static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupProblem("Port " + port + " is already in use; stop the other program or set HAVEN_PORT.");
        }
    }

    static void checkDatabase(LaunchSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.databaseUser());
        properties.setProperty("password", settings.databasePassword());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(settings.databaseUrl(), properties)) {
            // reachable
        } catch (SQLException e) {
            throw new StartupProblem("Cannot connect to the database at " + DatabaseUrls.redact(settings.databaseUrl())
                    + " (check HAVEN_DATABASE_URL, HAVEN_DATABASE_USER and HAVEN_DATABASE_PASSWORD).");
        }
    }
}
