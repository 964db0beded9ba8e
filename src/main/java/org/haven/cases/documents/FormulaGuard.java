package org.haven.cases.documents;

/**
 * Neutralizes spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return is prefixed with a single quote, so Excel,
 * LibreOffice and Google Sheets show it as text instead of evaluating it. Used for CSV and XLSX, never
 * for JSON, which no spreadsheet evaluates.
 */
final class FormulaGuard {

    private FormulaGuard() {}

    static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
