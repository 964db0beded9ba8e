package org.haven.vault;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Columns holding {@link FieldCipher} ciphertexts, declared as a bean by the module that owns the
 * table, so key rotation can re-encrypt them. Append-only tables (the audit trail) are not declared:
 * their rows keep the key they were written under, which rotation therefore never discards.
 *
 * @param table the table
 * @param idColumn its primary key (a UUID, the row id in the associated data)
 * @param organizationColumn the column naming the owning organization
 * @param columns the encrypted columns
 */
public record EncryptedColumns(String table, String idColumn, String organizationColumn, List<String> columns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public EncryptedColumns {
        columns = List.copyOf(columns);
        List<String> names = new java.util.ArrayList<>(columns);
        names.addAll(List.of(table, idColumn, organizationColumn));
        for (String name : names) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: " + name);
            }
        }
    }
}
