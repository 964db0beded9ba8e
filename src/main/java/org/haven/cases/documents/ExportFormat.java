package org.haven.cases.documents;

/** A file format an {@link ExportArchive} can hold. */
public enum ExportFormat {
    /** One {@code <table>.csv} per table: RFC 4180, UTF-8 with a byte-order mark so Excel reads Khmer. */
    CSV,
    /** One {@code export.xlsx} workbook with a sheet per table; every cell is text. */
    XLSX,
    /** One {@code <table>.json} per table: an array of objects, one per row, keyed by column name. */
    JSON
}
