package org.haven.cases.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes tables as CSV, XLSX and JSON. CSV and XLSX cells pass through {@link FormulaGuard}; XLSX cells
 * are always strings (never formulas or numbers); JSON keeps every value verbatim. Callers own the
 * streams: nothing here closes them.
 */
final class TableFormats {

    static final int MAX_SHEET_NAME = 31;
    private static final String SHEET_NAME_FORBIDDEN = ":\\/?*[]";
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private TableFormats() {}

    static void csv(Table table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
        printer.printRecord(table.columns().stream().map(FormulaGuard::neutralize));
        for (List<String> row : table.rows()) {
            printer.printRecord(row.stream().map(FormulaGuard::neutralize));
        }
        printer.flush();
    }

    static void xlsx(List<Table> tables, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            List<String> names = sheetNames(tables.stream().map(Table::name).toList());
            for (int t = 0; t < tables.size(); t++) {
                Table table = tables.get(t);
                Sheet sheet = workbook.createSheet(names.get(t));
                writeRow(sheet.createRow(0), table.columns(), header);
                for (int r = 0; r < table.rows().size(); r++) {
                    writeRow(sheet.createRow(r + 1), table.rows().get(r), null);
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
        }
    }

    private static void writeRow(Row row, List<String> cells, CellStyle style) {
        for (int c = 0; c < cells.size(); c++) {
            if (cells.get(c) != null) {
                var cell = row.createCell(c);
                cell.setCellValue(FormulaGuard.neutralize(cells.get(c)));
                if (style != null) {
                    cell.setCellStyle(style);
                }
            }
        }
    }

    static byte[] json(Table table) {
        List<Map<String, String>> objects = new ArrayList<>(table.rows().size());
        for (List<String> row : table.rows()) {
            Map<String, String> object = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                object.put(table.columns().get(c), row.get(c));
            }
            objects.add(object);
        }
        return JSON.writeValueAsBytes(objects);
    }

    /**
     * Sheet names Excel accepts: 1–31 characters, none of {@code : \ / ? * [ ]}, no apostrophe first or
     * last, not the reserved "History", unique ignoring case (later duplicates get " (2)", " (3)" …).
     */
    static List<String> sheetNames(List<String> wanted) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            String base = cleanSheetName(name);
            String candidate = base;
            for (int n = 2; !used.add(candidate.toUpperCase(Locale.ROOT)); n++) {
                String suffix = " (" + n + ")";
                candidate = truncate(base, MAX_SHEET_NAME - suffix.length()) + suffix;
            }
            names.add(candidate);
        }
        return names;
    }

    private static String cleanSheetName(String name) {
        StringBuilder clean = new StringBuilder(name.length());
        name.chars()
                .forEach(c -> clean.append(
                        SHEET_NAME_FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c) ? '_' : (char) c));
        String result = stripApostrophes(truncate(clean.toString().strip(), MAX_SHEET_NAME));
        if (result.isBlank()) {
            return "Sheet";
        }
        return result.equalsIgnoreCase("History") ? "History_" : result;
    }

    private static String stripApostrophes(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == '\'') {
            start++;
        }
        while (end > start && name.charAt(end - 1) == '\'') {
            end--;
        }
        return name.substring(start, end);
    }

    /** Cuts to at most {@code max} UTF-16 units without splitting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut);
    }
}
