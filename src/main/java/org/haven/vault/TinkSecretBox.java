package org.haven.vault;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link SecretBox} under the master key, with associated data "table|column|row". */
@Component
class TinkSecretBox implements SecretBox {

    private final Aead aead;

    TinkSecretBox(KeyEncryptionKey masterKey, VaultCheck check) {
        check.verify();
        this.aead = masterKey.aead();
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

    static byte[] associatedData(String table, String column, UUID rowId) {
        return (table + "|" + column + "|" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
