package org.haven.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.platform.DatabaseApplicationName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces the master key: a new key joins the key file as primary, every keyset, the key check and
 * every {@link SecretBoxColumns} value are re-sealed under it in one transaction, then the old key
 * leaves the file. A crash at any point leaves a file that opens what the database holds, and running
 * the rotation again completes it. Afterwards, database backups taken earlier can only be opened with a
 * copy of the old key file: destroying those copies is what makes an erasure reach old backups.
 * Haven must be stopped meanwhile: running servers hold the old key in memory.
 */
@Component
public class MasterKeyRotation {

    /** What a rotation did. */
    public record Result(int keysets, int sealedValues, long newKeyId) {}

    /** Another Haven process is connected to the database. */
    public static final class StillRunning extends RuntimeException {
        StillRunning(long others) {
            super(others + " connections of another Haven process are open: stop Haven first.");
        }
    }

    private final KeyEncryptionKey current;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<SecretBoxColumns> sealedColumns;

    MasterKeyRotation(
            KeyEncryptionKey current,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            List<SecretBoxColumns> sealedColumns) {
        this.current = current;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sealedColumns = List.copyOf(sealedColumns);
    }

    public Result rotate() {
        if (!(current instanceof MasterKey masterKey)) {
            throw new IllegalStateException("Only a master key file can be rotated by Haven; rotate a KMS key there.");
        }
        long others = jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name LIKE 'haven %' AND application_name <> ?")
                .param(DatabaseApplicationName.VALUE)
                .query(Long.class)
                .single();
        if (others > 0) {
            throw new StillRunning(others);
        }
        try {
            KeysetHandle file = MasterKey.read(masterKey.file());
            if (file.size() == 1) {
                // Step 1: the new key joins as primary; the old one stays until the database is re-sealed.
                file = KeysetHandle.newBuilder(file)
                        .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                                .withRandomId()
                                .makePrimary())
                        .build();
                MasterKey.write(masterKey.file(), file);
            }
            Aead both = file.getPrimitive(RegistryConfiguration.get(), Aead.class);
            int[] counts = transactions.execute(status -> reseal(both));
            // Step 3: only the new key remains.
            KeysetHandle.Builder pruned = KeysetHandle.newBuilder();
            pruned.addEntry(KeysetHandle.importKey(file.getPrimary().getKey())
                    .withFixedId(file.getPrimary().getId())
                    .makePrimary());
            MasterKey.write(masterKey.file(), pruned.build());
            return new Result(
                    counts[0],
                    counts[1],
                    Integer.toUnsignedLong(file.getPrimary().getId()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(
                    "The master key could not be rotated; the key file still opens the data", e);
        }
    }

    /** Step 2, in one transaction: every keyset, the check value and every sealed value. */
    private int[] reseal(Aead both) {
        int keysets = 0;
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT organization_id, purpose, wrapped FROM vault_keyset WHERE wrapped IS NOT NULL FOR UPDATE")
                .query()
                .listOfRows();
        for (Map<String, Object> row : rows) {
            byte[] associated = ("haven-keyset|" + row.get("organization_id") + "|" + row.get("purpose"))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                KeysetHandle keyset =
                        TinkProtoKeysetFormat.parseEncryptedKeyset((byte[]) row.get("wrapped"), both, associated);
                byte[] rewrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, both, associated);
                keysets += jdbc.sql("UPDATE vault_keyset SET wrapped = ? WHERE organization_id = ? AND purpose = ?")
                        .params(rewrapped, row.get("organization_id"), row.get("purpose"))
                        .update();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A keyset could not be re-wrapped", e);
            }
        }
        byte[] check = jdbc.sql("SELECT check_value FROM vault_check WHERE id = 1")
                .query(byte[].class)
                .single();
        jdbc.sql("UPDATE vault_check SET check_value = ? WHERE id = 1")
                .param(reseal(both, check, VaultCheck.CONTEXT))
                .update();
        int sealed = 0;
        for (SecretBoxColumns columns : sealedColumns) {
            for (String column : columns.columns()) {
                List<Map<String, Object>> values = jdbc.sql("SELECT " + columns.idColumn() + " AS id, " + column
                                + " AS value FROM " + columns.table() + " WHERE " + column + " IS NOT NULL FOR UPDATE")
                        .query()
                        .listOfRows();
                for (Map<String, Object> value : values) {
                    byte[] associated = TinkSecretBox.associatedData(columns.table(), column, (UUID) value.get("id"));
                    sealed += jdbc.sql("UPDATE " + columns.table() + " SET " + column + " = ? WHERE "
                                    + columns.idColumn() + " = ?")
                            .params(reseal(both, (byte[]) value.get("value"), associated), value.get("id"))
                            .update();
                }
            }
        }
        return new int[] {keysets, sealed};
    }

    private static byte[] reseal(Aead both, byte[] sealed, byte[] associated) {
        try {
            return both.encrypt(both.decrypt(sealed, associated), associated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A value sealed under the master key could not be re-sealed", e);
        }
    }
}
