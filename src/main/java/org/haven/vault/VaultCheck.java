package org.haven.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.haven.platform.StartupProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a master key that is not the one this database's data was encrypted under —
 * for example a key regenerated because the original file was lost. Without this, Haven would
 * start, then fail on every encrypted field, and might even write new data under the wrong key.
 */
@Component
class VaultCheck {

    static final byte[] CONTEXT = "haven-master-key-check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXPECTED = "Haven".getBytes(StandardCharsets.UTF_8);

    VaultCheck(JdbcClient jdbc, KeyEncryptionKey key) {
        try {
            byte[] sealed = key.aead().encrypt(EXPECTED, CONTEXT);
            jdbc.sql("INSERT INTO vault_check (id, check_value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                    .param(sealed)
                    .update();
            byte[] stored = jdbc.sql("SELECT check_value FROM vault_check WHERE id = 1")
                    .query(byte[].class)
                    .single();
            if (!Arrays.equals(key.aead().decrypt(stored, CONTEXT), EXPECTED)) {
                throw new GeneralSecurityException("unexpected check value");
            }
        } catch (GeneralSecurityException e) {
            String problem = "The master key (" + key.describe() + ") is not the key this database was created with,"
                    + " so its encrypted data cannot be read. Restore the master key from its backup"
                    + " and point HAVEN_MASTER_KEY_FILE at it.";
            if (key.createdNow()) {
                problem += " A new key was generated just now because none was found: delete it before restoring.";
            }
            throw new StartupProblem(problem);
        }
    }

    /** Present for the constructor's side effect: dependents are created only after the check. */
    void verify() {}
}
