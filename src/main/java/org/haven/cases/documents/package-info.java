/**
 * Turns already-localized case content into files that leave Haven: a printable case summary PDF that
 * renders Khmer correctly, and password-protected export archives (CSV, XLSX, JSON) safe to open in a
 * spreadsheet. Other modules may use the archives (intake exports a routing's summary with them).
 */
@org.springframework.modulith.NamedInterface("documents")
package org.haven.cases.documents;
