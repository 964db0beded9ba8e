package org.haven.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many rows of one table written by a single {@code INSERT … SELECT … FROM unnest(arrays)}: one round
 * trip whatever the number of rows, and unlike {@code COPY FROM} it works under row-level security.
 * Column kinds: uuid, text, bytea, int, bigint, bool, date, timestamptz, jsonb (text in, cast) and
 * text[] (each value a {@code List<String>}).
 */
public final class BulkRows {

    private static final String SEPARATOR = "\u001f";

    private final String table;
    private final List<String> names = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    private BulkRows(String table) {
        this.table = table;
    }

    public static BulkRows into(String table) {
        return new BulkRows(table);
    }

    public BulkRows column(String name, String kind) {
        names.add(name);
        kinds.add(kind);
        return this;
    }

    /** One row, its values in the order of the columns. */
    public void add(Object... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(
                    table + ": " + values.length + " values for " + names.size() + " columns");
        }
        rows.add(values);
    }

    public int size() {
        return rows.size();
    }

    /** Writes the rows (nothing when there are none); returns how many. */
    public int insert(JdbcClient jdbc) {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder select = new StringBuilder();
        StringBuilder unnest = new StringBuilder();
        StringBuilder alias = new StringBuilder();
        Object[] parameters = new Object[names.size()];
        for (int c = 0; c < names.size(); c++) {
            String kind = kinds.get(c);
            String name = "c" + c;
            if (c > 0) {
                select.append(", ");
                unnest.append(", ");
                alias.append(", ");
            }
            alias.append(name);
            switch (kind) {
                case "jsonb" -> select.append(name).append("::jsonb");
                case "text[]" ->
                    select.append("CASE WHEN ")
                            .append(name)
                            .append(" = '' THEN '{}'::text[] ELSE string_to_array(")
                            .append(name)
                            .append(", chr(31)) END");
                default -> select.append(name);
            }
            String arrayType = switch (kind) {
                case "jsonb", "text[]" -> "text";
                default -> kind;
            };
            unnest.append("?::").append(arrayType).append("[]");
            parameters[c] = column(c, kind);
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + select + " FROM unnest("
                + unnest + ") AS u(" + alias + ")";
        return jdbc.sql(sql).params(parameters).update();
    }

    private Object column(int c, String kind) {
        int n = rows.size();
        switch (kind) {
            case "uuid" -> {
                UUID[] values = new UUID[n];
                for (int r = 0; r < n; r++) {
                    values[r] = (UUID) rows.get(r)[c];
                }
                return values;
            }
            case "bytea" -> {
                byte[][] values = new byte[n][];
                for (int r = 0; r < n; r++) {
                    values[r] = (byte[]) rows.get(r)[c];
                }
                return values;
            }
            case "int" -> {
                Integer[] values = new Integer[n];
                for (int r = 0; r < n; r++) {
                    values[r] = (Integer) rows.get(r)[c];
                }
                return values;
            }
            case "bigint" -> {
                Long[] values = new Long[n];
                for (int r = 0; r < n; r++) {
                    values[r] = (Long) rows.get(r)[c];
                }
                return values;
            }
            case "bool" -> {
                Boolean[] values = new Boolean[n];
                for (int r = 0; r < n; r++) {
                    values[r] = (Boolean) rows.get(r)[c];
                }
                return values;
            }
            default -> {
                String[] values = new String[n];
                for (int r = 0; r < n; r++) {
                    values[r] = text(rows.get(r)[c]);
                }
                return values;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(SEPARATOR, (List<String>) list);
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        return (String) value;
    }
}
