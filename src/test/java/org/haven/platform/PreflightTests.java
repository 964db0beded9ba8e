package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration ends in one clear sentence. */
class PreflightTests {

    @TempDir
    Path home;

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            LaunchSettings settings = LaunchSettings.from(
                    Map.of("HAVEN_HOME", home.toString(), "HAVEN_PORT", String.valueOf(taken.getLocalPort())));
            assertThatThrownBy(() -> Preflight.check(settings, true))
                    .isInstanceOf(StartupProblem.class)
                    .hasMessage("Port " + taken.getLocalPort()
                            + " is already in use; stop the other program or set HAVEN_PORT.");
        }
    }

    @Test
    void aWorldReadableMasterKeyIsRefused() throws IOException {
        Path key = home.resolve("master-key.json");
        Files.writeString(key, "{}");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Preflight.checkMasterKey(key, false))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("can be read by other users")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThatCode(() -> Preflight.checkMasterKey(key, false)).doesNotThrowAnyException();
    }

    @Test
    void aNamedButMissingMasterKeyIsRefused() {
        Path key = home.resolve("backup/master-key.json");
        assertThatThrownBy(() -> Preflight.checkMasterKey(key, true))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("restore it from your backup");
        assertThatCode(() -> Preflight.checkMasterKey(key, false)).doesNotThrowAnyException();
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        LaunchSettings settings = LaunchSettings.from(Map.of(
                "HAVEN_HOME",
                home.toString(),
                "HAVEN_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/haven?password=secret123",
                "HAVEN_DATABASE_USER",
                "haven",
                "HAVEN_DATABASE_PASSWORD",
                "secret456"));
        assertThatThrownBy(() -> Preflight.check(settings, false))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith(
                        "Cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort + "/haven ")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aBadPortIsExplained() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("HAVEN_PORT", "eighty")))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("HAVEN_PORT must be a number between 1 and 65535, not 'eighty'.");
    }

    @Test
    void settingsNeverPrintTheDatabasePassword() {
        LaunchSettings settings = LaunchSettings.from(
                Map.of("HAVEN_DATABASE_URL", "jdbc:postgresql://db/haven", "HAVEN_DATABASE_PASSWORD", "secret456"));
        org.assertj.core.api.Assertions.assertThat(settings.toString())
                .doesNotContain("secret456")
                .contains("<masked>");
    }
}
