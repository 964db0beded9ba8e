package org.haven.cases.documents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One table of an export: a name, unique column names and rows of text cells, already localized and
 * formatted by the caller. A cell may be {@code null} (empty in CSV and XLSX, {@code null} in JSON).
 *
 * <p>The name becomes a file name and a sheet name, both visible without the archive's password: it
 * must describe the kind of data ("cases", "services"), never a person.
 *
 * @param name the table's name, not blank
 * @param columns the column names, unique, none {@code null}
 * @param rows the rows, each with exactly one cell per column
 */
public record Table(String name, List<String> columns, List<List<String>> rows) {

    public Table {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A table needs a name");
        }
        columns = List.copyOf(columns);
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("Column names must be unique in table " + name);
        }
        List<List<String>> copies = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("Row " + copies.size() + " of table " + name + " has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }
}
