package org.haven.vault;

import com.google.crypto.tink.Aead;

/**
 * The key that wraps every organization's keysets. Today it is the master key file ({@code
 * HAVEN_MASTER_KEY_FILE}); a cloud KMS or HashiCorp Vault can implement this interface later (Tink's
 * KMS clients already return an {@link Aead}), and nothing else changes.
 */
public interface KeyEncryptionKey {

    /** The AEAD that wraps and unwraps keysets; the associated data names the keyset. */
    Aead aead();

    /** Where the key lives, for messages (never the key itself). */
    String describe();

    /** Whether the key was created by this start (so no existing data can have used it). */
    boolean createdNow();
}
