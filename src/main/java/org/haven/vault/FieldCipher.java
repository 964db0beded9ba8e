package org.haven.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts sensitive fields under their organization's keyset (AES-256-GCM), with the
 * cell ({@link Cell}: table, column, row) as associated data.
 */
@Component
public class FieldCipher {

    /** The installation's own keys, for data that belongs to no organization. */
    public static final UUID INSTALLATION = OrganizationKeys.INSTALLATION;

    private final OrganizationKeys keys;

    FieldCipher(OrganizationKeys keys) {
        this.keys = keys;
    }

    /** Encrypts a value for one cell of one organization's data; null stays null. */
    public EncryptedText seal(UUID organization, Cell cell, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return EncryptedText.of(sealBytes(organization, cell, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decrypts a value sealed for the same organization and cell; null stays null. */
    public String open(UUID organization, Cell cell, EncryptedText value) {
        if (value == null) {
            return null;
        }
        return new String(openBytes(organization, cell, value.raw()), StandardCharsets.UTF_8);
    }

    /** Encrypts bytes (attachments, structured details). */
    public byte[] sealBytes(UUID organization, Cell cell, byte[] plaintext) {
        try {
            return aead(keys.keys(organization, KeyPurpose.FIELDS)).encrypt(plaintext, cell.associatedData());
        } catch (GeneralSecurityException e) {
            throw new SecretBox.SecretBoxException("Encryption failed for " + cell.table() + "." + cell.column(), e);
        }
    }

    /** Decrypts bytes sealed with {@link #sealBytes}. */
    public byte[] openBytes(UUID organization, Cell cell, byte[] ciphertext) {
        try {
            return aead(keys.keys(organization, KeyPurpose.FIELDS)).decrypt(ciphertext, cell.associatedData());
        } catch (GeneralSecurityException first) {
            // Perhaps another node rotated the keys and this one still has the old keyset cached.
            try {
                return aead(keys.reload(organization, KeyPurpose.FIELDS)).decrypt(ciphertext, cell.associatedData());
            } catch (GeneralSecurityException e) {
                throw new SecretBox.SecretBoxException(
                        "A value in " + cell.table() + "." + cell.column() + " could not be decrypted", e);
            }
        }
    }

    private static Aead aead(OrganizationKeys.Loaded loaded) {
        return loaded.primitive(Aead.class, FieldCipher::aeadOf);
    }

    private static Aead aeadOf(KeysetHandle handle) {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The field keyset cannot encrypt", e);
        }
    }
}
