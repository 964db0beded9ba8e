package org.haven.vault;

import java.util.List;

/**
 * Columns holding {@link SecretBox} values (sealed directly under the master key), declared as a
 * bean by the module owning the table, so a master-key rotation re-seals them.
 *
 * @param table the table
 * @param idColumn its primary key (a UUID, the row id in the associated data)
 * @param columns the sealed columns
 */
public record SecretBoxColumns(String table, String idColumn, List<String> columns) {

    public SecretBoxColumns {
        columns = List.copyOf(columns);
        new EncryptedColumns(table, idColumn, idColumn, columns); // same identifier rules
    }
}
