package org.haven.cases.documents;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The embedded Noto Sans Khmer fonts (Khmer and Latin glyphs, OFL-1.1, licence next to the files),
 * loaded once per JVM after OpenPDF's layout processor is switched on, so Khmer clusters are shaped by
 * the JDK's layout engine and every text run carries its Unicode text as {@code /ActualText}.
 *
 * <p>The fonts are shared by all renderings: OpenPDF keeps per-document subsets in the writer, and the
 * layout processor keeps one AWT font per {@link BaseFont} for the life of the JVM.
 */
final class KhmerFonts {

    static final BaseFont REGULAR;
    static final BaseFont BOLD;

    static {
        synchronized (LayoutProcessor.class) {
            if (!LayoutProcessor.isEnabled()) {
                LayoutProcessor.enableKernLiga();
            }
            LayoutProcessor.setWriteActualText();
        }
        REGULAR = load("/fonts/NotoSansKhmer-Regular.ttf");
        BOLD = load("/fonts/NotoSansKhmer-Bold.ttf");
    }

    private KhmerFonts() {}

    /**
     * Creates the font from the bytes on the class path. The name is the resource's URL because the
     * layout processor reopens the font by that name (a {@code file:} or {@code jar:} URL, also inside
     * the packaged jar) to build its AWT twin.
     */
    private static BaseFont load(String resource) {
        URL url = KhmerFonts.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Font missing from the class path: " + resource);
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(url.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read font " + resource, e);
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot load font " + resource, e);
        }
    }
}
