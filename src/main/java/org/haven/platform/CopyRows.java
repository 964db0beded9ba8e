package org.haven.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Many rows of one table in PostgreSQL's binary {@code COPY} format, encoded as they are added (so
 * the encoding runs on the thread that prepares them) and written by one {@code COPY … FROM STDIN}.
 * COPY obeys row-level security only for roles subject to it: bulk loads run it as the table owner
 * (decision 33). Column kinds: uuid, text, bytea, int, bigint, bool, date, timestamptz, jsonb (a
 * JSON string) and text[] (a {@code List<String>}); null is SQL NULL.
 */
public final class CopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long EPOCH_2000_SECONDS = 946_684_800L;
    private static final long EPOCH_2000_DAYS = 10_957L;
    private static final int TEXT_OID = 25;

    private final String table;
    private final List<String> names = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private byte[] buffer = new byte[1 << 16];
    private int length;
    private int rows;

    private CopyRows(String table) {
        this.table = table;
        put(HEADER);
        putInt(0);
        putInt(0);
    }

    public static CopyRows into(String table) {
        return new CopyRows(table);
    }

    public CopyRows column(String name, String kind) {
        if (rows > 0) {
            throw new IllegalStateException("columns come before rows");
        }
        names.add(name);
        kinds.add(kind);
        return this;
    }

    public String table() {
        return table;
    }

    /** One row, its values in the order of the columns. */
    public void add(Object... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(
                    table + ": " + values.length + " values for " + names.size() + " columns");
        }
        putShort(values.length);
        for (int c = 0; c < values.length; c++) {
            field(kinds.get(c), values[c]);
        }
        rows++;
    }

    public int size() {
        return rows;
    }

    /** Bytes encoded so far. */
    public int bytes() {
        return length;
    }

    /** Writes the rows on the connection (in its transaction); returns how many. */
    public long copy(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        byte[] data = Arrays.copyOf(buffer, length + 2);
        data[length] = (byte) 0xff;
        data[length + 1] = (byte) 0xff;
        String sql = "COPY " + table + " (" + String.join(", ", names) + ") FROM STDIN (FORMAT binary)";
        try {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(sql, new ByteArrayInputStream(data), 1 << 16);
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void field(String kind, Object value) {
        if (value == null) {
            putInt(-1);
            return;
        }
        switch (kind) {
            case "uuid" -> {
                UUID uuid = (UUID) value;
                putInt(16);
                putLong(uuid.getMostSignificantBits());
                putLong(uuid.getLeastSignificantBits());
            }
            case "text" -> putBytes(((String) value).getBytes(StandardCharsets.UTF_8));
            case "bytea" -> putBytes((byte[]) value);
            case "int" -> {
                putInt(4);
                putInt((Integer) value);
            }
            case "bigint" -> {
                putInt(8);
                putLong((Long) value);
            }
            case "bool" -> {
                putInt(1);
                ensure(1);
                buffer[length++] = (byte) (((Boolean) value) ? 1 : 0);
            }
            case "date" -> {
                LocalDate date = value instanceof LocalDate d ? d : LocalDate.parse(value.toString());
                putInt(4);
                putInt((int) (date.toEpochDay() - EPOCH_2000_DAYS));
            }
            case "timestamptz" -> {
                Instant at = (Instant) value;
                putInt(8);
                putLong((at.getEpochSecond() - EPOCH_2000_SECONDS) * 1_000_000L + at.getNano() / 1_000);
            }
            case "jsonb" -> {
                byte[] json = ((String) value).getBytes(StandardCharsets.UTF_8);
                putInt(json.length + 1);
                ensure(1);
                buffer[length++] = 1;
                put(json);
            }
            case "text[]" -> textArray((List<String>) value);
            default -> throw new IllegalArgumentException("unknown column kind " + kind);
        }
    }

    private void textArray(List<String> values) {
        List<byte[]> elements = new ArrayList<>(values.size());
        int size = values.isEmpty() ? 12 : 20;
        for (String v : values) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            elements.add(bytes);
            size += 4 + bytes.length;
        }
        putInt(size);
        putInt(values.isEmpty() ? 0 : 1);
        putInt(0);
        putInt(TEXT_OID);
        if (!values.isEmpty()) {
            putInt(values.size());
            putInt(1);
            for (byte[] element : elements) {
                putBytes(element);
            }
        }
    }

    private void putBytes(byte[] bytes) {
        putInt(bytes.length);
        put(bytes);
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putShort(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
