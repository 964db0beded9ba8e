package org.haven.vault;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.haven.platform.HavenProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@link SecretBox} under the master key, with associated data "table|column|row". */
@Component
class TinkSecretBox implements SecretBox {

    private final Aead aead;

    TinkSecretBox(
            HavenProperties properties,
            @Value("${haven.master-key-file:}") String masterKeyFile,
            @Value("${haven.master-key-explicit:false}") boolean explicit) {
        var file = masterKeyFile.isBlank()
                ? properties.home().resolve("master-key.json")
                : java.nio.file.Path.of(masterKeyFile);
        this.aead = MasterKey.load(file, explicit);
    }

    @Override
    public byte[] seal(byte[] plaintext, String table, String column, UUID rowId) {
        try {
            return aead.encrypt(plaintext, associatedData(table, column, rowId));
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("Encryption failed for " + table + "." + column, e);
        }
    }

    @Override
    public byte[] open(byte[] ciphertext, String table, String column, UUID rowId) {
        try {
            return aead.decrypt(ciphertext, associatedData(table, column, rowId));
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("A value in " + table + "." + column + " could not be decrypted", e);
        }
    }

    private static byte[] associatedData(String table, String column, UUID rowId) {
        return (table + "|" + column + "|" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
