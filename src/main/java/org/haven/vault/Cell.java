package org.haven.vault;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an encrypted value lives: table, column and row. It is the ciphertext's associated data, so a
 * value copied to another row or column does not decrypt.
 */
public record Cell(String table, String column, UUID rowId) {

    public Cell {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rowId, "rowId");
    }

    byte[] associatedData() {
        return (table + "|" + column + "|" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
