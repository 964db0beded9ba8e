/**
 * Turns already-localized case content into files that leave Haven: a printable case summary PDF that
 * renders Khmer correctly, and password-protected export archives (CSV, XLSX, JSON) safe to open in a
 * spreadsheet.
 */
package org.haven.cases.documents;
