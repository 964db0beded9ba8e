package org.haven.cases.documents;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;

/**
 * Draws what every page of a case summary carries: the confidential banner above the body and the page
 * number as "n / total" below it. The total is unknown until the document closes, so each page shows a
 * shared template that is filled in at the end.
 */
final class PageDecorations extends PdfPageEventHelper {

    private static final float FOOTER_SIZE = 8f;
    private static final float TOTAL_WIDTH = 40f;
    static final Color BANNER_COLOR = new Color(0x9B, 0x1C, 0x1C);

    private final String banner;
    private PdfTemplate total;

    PageDecorations(String banner) {
        this.banner = banner;
    }

    @Override
    public void onOpenDocument(PdfWriter writer, com.lowagie.text.Document document) {
        total = writer.getDirectContent().createTemplate(TOTAL_WIDTH, FOOTER_SIZE * 2);
    }

    @Override
    public void onEndPage(PdfWriter writer, com.lowagie.text.Document document) {
        PdfContentByte canvas = writer.getDirectContent();
        Rectangle page = document.getPageSize();
        float left = document.left();
        float right = document.right();

        ColumnText bannerColumn = new ColumnText(canvas);
        Font bannerFont = new Font(KhmerFonts.BOLD, 9f, Font.NORMAL, BANNER_COLOR);
        bannerColumn.setSimpleColumn(
                CaseSummaryPdf.phrase(banner, bannerFont),
                left,
                document.top() + 8f,
                right,
                page.getTop() - 18f,
                13f,
                Element.ALIGN_CENTER);
        bannerColumn.go();

        float x = right - TOTAL_WIDTH;
        float y = document.bottom() - 28f;
        canvas.beginText();
        canvas.setFontAndSize(KhmerFonts.REGULAR, FOOTER_SIZE);
        canvas.setColorFill(Color.DARK_GRAY);
        canvas.showTextAligned(Element.ALIGN_RIGHT, writer.getPageNumber() + " / ", x, y, 0f);
        canvas.endText();
        canvas.addTemplate(total, x, y);
    }

    @Override
    public void onCloseDocument(PdfWriter writer, com.lowagie.text.Document document) {
        total.beginText();
        total.setFontAndSize(KhmerFonts.REGULAR, FOOTER_SIZE);
        total.setColorFill(Color.DARK_GRAY);
        total.setTextMatrix(0f, 0f);
        total.showText(String.valueOf(writer.getPageNumber() - 1));
        total.endText();
    }
}
