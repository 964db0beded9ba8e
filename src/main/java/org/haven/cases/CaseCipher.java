package org.haven.cases;

import java.util.UUID;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.stereotype.Component;

/** Seals and opens the text columns of case tables under the organization's key, bound to the cell. */
@Component
class CaseCipher {

    private final FieldCipher cipher;

    CaseCipher(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The ciphertext of {@code value} for this cell, or null for null or blank. */
    byte[] seal(UUID organization, String table, String column, UUID row, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return cipher.seal(organization, new Cell(table, column, row), value.strip())
                .bytes();
    }

    String open(UUID organization, String table, String column, UUID row, byte[] stored) {
        return cipher.open(organization, new Cell(table, column, row), EncryptedText.fromDatabase(stored));
    }
}
