package org.haven.cases.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Document} as an A4 PDF that shows Khmer and Latin text correctly.
 *
 * <p>Contract: text is shaped (Khmer clusters, subscripts and vowel signs in place) with the embedded
 * Noto Sans Khmer fonts, every text run carries its exact Unicode string as {@code /ActualText} so
 * copying and searching give back what the caller passed, text is left-aligned (justification would
 * bypass shaping), every page carries the confidential banner and "n / total", and the file's metadata
 * title is {@link Document#metadataTitle()}, nothing else from the content. The PDF is neither
 * encrypted nor signed; callers keep it out of logs, caches and temporary files. Thread-safe.
 */
public final class CaseSummaryPdf {

    private static final float LEADING = 1.6f;
    private static final Color MUTED = new Color(0x55, 0x55, 0x55);
    private static final Color RULE = new Color(0xCC, 0xCC, 0xCC);

    private CaseSummaryPdf() {}

    /** Renders the document; never logs or keeps any of its text. */
    public static byte[] render(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, 56f, 56f, 84f, 64f);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new PageDecorations(document.confidentialBanner()));
            pdf.addTitle(document.metadataTitle());
            pdf.open();
            pdf.add(paragraph(document.title(), new Font(KhmerFonts.BOLD, 18f), 0f, 2f));
            pdf.add(paragraph(document.subtitle(), new Font(KhmerFonts.REGULAR, 9f, Font.NORMAL, MUTED), 0f, 6f));
            for (Document.Section section : document.sections()) {
                addSection(pdf, section);
            }
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render the case summary", e);
        }
        return out.toByteArray();
    }

    private static void addSection(com.lowagie.text.Document pdf, Document.Section section) {
        pdf.add(paragraph(section.heading(), new Font(KhmerFonts.BOLD, 12.5f), 14f, 4f));
        List<Document.Row> rows = new ArrayList<>();
        for (Document.Block block : section.blocks()) {
            if (block instanceof Document.Row row) {
                rows.add(row);
            } else if (block instanceof Document.Paragraph text) {
                addRows(pdf, rows);
                pdf.add(paragraph(text.text(), new Font(KhmerFonts.REGULAR, 10f), 2f, 4f));
            }
        }
        addRows(pdf, rows);
    }

    /** Consecutive rows become one two-column table: label on the left, value on the right. */
    private static void addRows(com.lowagie.text.Document pdf, List<Document.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PdfPTable table = new PdfPTable(new float[] {1f, 2f});
        table.setWidthPercentage(100f);
        table.setSpacingBefore(2f);
        table.setSpacingAfter(4f);
        table.setSplitLate(false);
        Font label = new Font(KhmerFonts.BOLD, 9.5f, Font.NORMAL, MUTED);
        Font value = new Font(KhmerFonts.REGULAR, 10f);
        for (Document.Row row : rows) {
            table.addCell(cell(row.label(), label));
            table.addCell(cell(row.value(), value));
        }
        pdf.add(table);
        rows.clear();
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(phrase(text, font));
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(RULE);
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        cell.setLeading(0f, LEADING);
        cell.setUseAscender(true);
        cell.setUseDescender(true);
        cell.setPaddingTop(3f);
        cell.setPaddingBottom(5f);
        return cell;
    }

    private static Paragraph paragraph(String text, Font font, float before, float after) {
        Paragraph paragraph = new Paragraph(font.getSize() * LEADING, chunk(text, font));
        paragraph.setAlignment(Element.ALIGN_LEFT);
        paragraph.setSpacingBefore(before);
        paragraph.setSpacingAfter(after);
        return paragraph;
    }

    static Phrase phrase(String text, Font font) {
        return new Phrase(chunk(text, font));
    }

    /** Text that wraps between Khmer syllables as well as at spaces. */
    private static Chunk chunk(String text, Font font) {
        Chunk chunk = new Chunk(text, font);
        chunk.setSplitCharacter(KhmerLineBreaks.INSTANCE);
        return chunk;
    }
}
