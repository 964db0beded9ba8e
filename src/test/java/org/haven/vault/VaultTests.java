package org.haven.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.identity.IdentityFixtures;
import org.haven.platform.StartupProblem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@HavenTest
class VaultTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    FieldCipher cipher;

    @Autowired
    BlindIndex index;

    @Autowired
    OrganizationErasure erasure;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aValueDecryptsOnlyInItsOwnCellUnderItsOwnOrganizationsKey() {
        UUID organization = organization();
        UUID row = UUID.randomUUID();
        Cell cell = new Cell("person", "name", row);
        EncryptedText sealed = cipher.seal(organization, cell, "Sreymom");

        assertThat(cipher.open(organization, cell, sealed)).isEqualTo("Sreymom");
        assertThat(sealed.toString()).doesNotContain("Sreymom");
        assertThat(cipher.seal(organization, cell, "Sreymom")).as("fresh nonce").isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(organization, new Cell("person", "name", UUID.randomUUID()), sealed))
                .as("moved to another row")
                .isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageNotContaining("Sreymom");
        assertThatThrownBy(() -> cipher.open(organization, new Cell("person", "narrative", row), sealed))
                .as("moved to another column")
                .isInstanceOf(SecretBox.SecretBoxException.class);
        assertThatThrownBy(() -> cipher.open(organization(), cell, sealed))
                .as("another organization's key")
                .isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void keysetsAreStoredOnlyWrappedUnderTheMasterKey() {
        UUID organization = organization();
        cipher.seal(organization, new Cell("person", "name", UUID.randomUUID()), "x");
        index.tokens(organization, "person.name", "x");
        List<byte[]> wrapped = jdbc.sql("SELECT wrapped FROM vault_keyset WHERE organization_id = ?")
                .param(organization)
                .query(byte[].class)
                .list();
        assertThat(wrapped).hasSize(2);
        for (byte[] keyset : wrapped) {
            assertThat(new String(keyset, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("type.googleapis.com");
        }
    }

    @Test
    void blindIndexTokensAreStableWithinAnOrganizationAndUnrelatedAcrossThem() {
        UUID one = organization();
        UUID other = organization();
        List<Long> first = values(index.tokens(one, "person.name", "Srey Mom"));
        assertThat(values(index.tokens(one, "person.name", "Sreymom"))).containsAnyElementsOf(first);
        assertThat(values(index.tokens(other, "person.name", "Srey Mom"))).doesNotContainAnyElementsOf(first);
        assertThat(values(index.tokens(one, "person.phone", "Srey Mom")))
                .as("another field")
                .doesNotContainAnyElementsOf(first);
    }

    @Test
    void erasureDestroysTheKeysForGoodAndIsAudited() {
        UUID organization = organization();
        Cell cell = new Cell("person", "name", UUID.randomUUID());
        EncryptedText sealed = cipher.seal(organization, cell, "Bopha");

        assertThat(erasure.erase(organization)).isEqualTo(1);

        assertThat(erasure.erased(organization)).isTrue();
        assertThatThrownBy(() -> cipher.open(organization, cell, sealed)).isInstanceOf(KeysDestroyedException.class);
        assertThatThrownBy(() -> index.tokens(organization, "person.name", "Bopha"))
                .as("no new index key either")
                .isInstanceOf(KeysDestroyedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM vault_keyset WHERE organization_id = ? AND wrapped IS NOT NULL")
                        .param(organization)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'ORGANIZATION_ERASED' AND record_id = ?")
                        .param(organization)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThatThrownBy(() -> erasure.erase(FieldCipher.INSTALLATION)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMasterKeyThatIsNotTheDatabasesIsRefusedAtStartUp() throws Exception {
        Path file = Files.createTempDirectory("other-key").resolve("master-key.json");
        MasterKey other = MasterKey.load(file, false);

        assertThatThrownBy(() -> new VaultCheck(jdbc, other))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("not the key this database was created with")
                .hasMessageContaining("generated just now");
        assertThat(new VaultCheck(jdbc, context.getBean(KeyEncryptionKey.class)))
                .isNotNull();
    }

    private UUID organization() {
        return new IdentityFixtures(context).organization("Vault");
    }

    private static List<Long> values(List<BlindIndex.Token> tokens) {
        return tokens.stream().map(BlindIndex.Token::value).toList();
    }
}
