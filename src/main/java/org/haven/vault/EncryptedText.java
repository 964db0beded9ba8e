package org.haven.vault;

import java.util.Arrays;

/**
 * A sensitive value as stored: Tink AEAD ciphertext bound to its cell. The only way to get one is
 * {@link FieldCipher#seal}, and the only thing SQL receives is {@link #bytes()}, so a plaintext
 * cannot be written to a sensitive column by mistake.
 */
public final class EncryptedText {

    private final byte[] ciphertext;

    private EncryptedText(byte[] ciphertext) {
        this.ciphertext = ciphertext;
    }

    /** Wraps a ciphertext read from the database (null stays null). */
    public static EncryptedText fromDatabase(byte[] stored) {
        return stored == null ? null : new EncryptedText(stored.clone());
    }

    static EncryptedText of(byte[] ciphertext) {
        return new EncryptedText(ciphertext);
    }

    /** The bytes to store. */
    public byte[] bytes() {
        return ciphertext.clone();
    }

    byte[] raw() {
        return ciphertext;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedText that && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedText[" + ciphertext.length + " bytes]";
    }
}
