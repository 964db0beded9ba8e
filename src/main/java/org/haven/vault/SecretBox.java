package org.haven.vault;

import java.util.UUID;

/**
 * Authenticated encryption of a field, bound to where it is stored: a ciphertext copied to another
 * table, column or row fails to decrypt.
 */
public interface SecretBox {

    /** Encrypts {@code plaintext} for the cell ({@code table}, {@code column}, {@code rowId}). */
    byte[] seal(byte[] plaintext, String table, String column, UUID rowId);

    /**
     * Decrypts a value sealed for the same cell.
     *
     * @throws SecretBoxException when the ciphertext was altered, moved, or sealed under another key
     */
    byte[] open(byte[] ciphertext, String table, String column, UUID rowId);

    /** A ciphertext that cannot be opened. The message never contains the data. */
    class SecretBoxException extends RuntimeException {
        public SecretBoxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
