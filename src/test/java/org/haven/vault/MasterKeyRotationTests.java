package org.haven.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.UUID;
import org.haven.HavenProcess;
import org.haven.audit.AuditSealer;
import org.haven.audit.AuditVerifier;
import org.haven.cases.People;
import org.haven.cases.PersonInput;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replacing the master key with Haven stopped: afterwards everything still opens under the new key
 * file, while a keyset copied from the database before (as in an older backup) no longer does.
 */
class MasterKeyRotationTests {

    @Test
    void afterRotationEverythingOpensAndAnOlderBackupNoLonger() throws Exception {
        Path home = Files.createTempDirectory("haven-master-rotation");
        UUID personId;
        CurrentUser supervisor;
        UUID staffId;
        byte[] backupKeyset;
        String publicKey;
        String keyFileBefore;
        try (ConfigurableApplicationContext first = start(home)) {
            IdentityFixtures fixtures = new IdentityFixtures(first);
            UUID organization = fixtures.organization("Master key");
            supervisor = fixtures.actor(organization, Role.SUPERVISOR);
            personId = first.getBean(People.class)
                    .register(supervisor, new PersonInput("Sophal Khem", null, null, null, null, null, "Before"))
                    .id();
            staffId = supervisor.id();
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            byte[] seed = first.getBean(SecretBox.class)
                    .seal("JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.US_ASCII), "staff_user", "totp_secret", staffId);
            jdbc.sql("UPDATE staff_user SET totp_secret = ? WHERE id = ?")
                    .params(seed, staffId)
                    .update();
            backupKeyset = jdbc.sql("SELECT wrapped FROM vault_keyset WHERE organization_id = ? AND purpose = 'FIELDS'")
                    .param(organization)
                    .query(byte[].class)
                    .single();
            publicKey = first.getBean(Signatures.class).publicKeyPem();
            first.getBean(AuditSealer.class).seal();
            first.getBean(AuditSealer.class).checkpoint();
            keyFileBefore = Files.readString(home.resolve("master-key.json"));
        }

        try (ConfigurableApplicationContext operator = start(home)) {
            MasterKeyRotation.Result result =
                    operator.getBean(MasterKeyRotation.class).rotate();
            assertThat(result.keysets()).isGreaterThanOrEqualTo(3);
            assertThat(result.sealedValues()).isEqualTo(1);
        }
        String keyFileAfter = Files.readString(home.resolve("master-key.json"));
        assertThat(keyFileAfter).isNotEqualTo(keyFileBefore).doesNotContain(keyId(keyFileBefore));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(home.resolve("master-key.json"))))
                .isEqualTo("rw-------");

        try (ConfigurableApplicationContext after = start(home)) {
            assertThat(after.getBean(People.class).get(supervisor, personId).narrative())
                    .isEqualTo("Before");
            byte[] seed = after.getBean(JdbcClient.class)
                    .sql("SELECT totp_secret FROM staff_user WHERE id = ?")
                    .param(staffId)
                    .query(byte[].class)
                    .single();
            assertThat(new String(
                            after.getBean(SecretBox.class).open(seed, "staff_user", "totp_secret", staffId),
                            StandardCharsets.US_ASCII))
                    .isEqualTo("JBSWY3DPEHPK3PXP");
            assertThat(after.getBean(Signatures.class).publicKeyPem()).isEqualTo(publicKey);
            assertThat(after.getBean(AuditVerifier.class).verify().intact()).isTrue();
            KeyEncryptionKey newKey = after.getBean(KeyEncryptionKey.class);
            UUID organization = supervisor.organizationId();
            assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(
                            backupKeyset,
                            newKey.aead(),
                            ("haven-keyset|" + organization + "|FIELDS").getBytes(StandardCharsets.UTF_8)))
                    .as("a keyset from a backup taken before the rotation")
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void itRefusesWhileAnotherHavenProcessIsConnected() throws Exception {
        Path home = Files.createTempDirectory("haven-master-running");
        try (ConfigurableApplicationContext running = start(home)) {
            String url = jdbcUrl(running);
            Properties other = new Properties();
            other.setProperty("user", "postgres");
            other.setProperty(
                    "password",
                    Files.readString(home.resolve("postgres-password")).strip());
            other.setProperty("ApplicationName", "haven 999999");
            try (Connection server = DriverManager.getConnection(url, other)) {
                assertThat(server.isValid(2)).isTrue();
                String before = Files.readString(home.resolve("master-key.json"));
                assertThatThrownBy(
                                () -> running.getBean(MasterKeyRotation.class).rotate())
                        .isInstanceOf(MasterKeyRotation.StillRunning.class)
                        .hasMessageContaining("stop Haven first");
                assertThat(Files.readString(home.resolve("master-key.json"))).isEqualTo(before);
            }
        }
    }

    private static String jdbcUrl(ConfigurableApplicationContext context) {
        return context.getBean(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
    }

    private static String keyId(String keyFileJson) {
        return keyFileJson.replaceAll("(?s).*\"primaryKeyId\":\\s*(\\d+).*", "$1");
    }

    private static ConfigurableApplicationContext start(Path home) {
        return HavenProcess.start(home);
    }
}
