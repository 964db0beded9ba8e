package org.haven.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaseSummaryPdfTests {

    static final String CHILD_NAME = "ស្រីមុំ ចាន់";
    static final String ASSESSMENT = "ការវាយតម្លៃ";
    static final String BANNER = "សម្ងាត់ — CONFIDENTIAL: personal data of a child";
    static final String NEUTRAL_TITLE = "Case summary";
    /** "The child was referred to a safe shelter." — no spaces, as Khmer is written. */
    static final String KHMER_SENTENCE = "កុមារត្រូវបានបញ្ជូនទៅកាន់មណ្ឌលសុវត្ថិភាព។";

    static byte[] pdf;

    @BeforeAll
    static void render() {
        List<Document.Block> narrative = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            narrative.add(new Document.Paragraph(KHMER_SENTENCE.repeat(6)));
        }
        Document document = new Document(
                NEUTRAL_TITLE,
                "Case summary — " + CHILD_NAME,
                "Generated 2026-03-01 10:15 by Case worker 7",
                BANNER,
                List.of(
                        new Document.Section(
                                "Identity",
                                List.of(
                                        new Document.Row("Name", CHILD_NAME),
                                        new Document.Row("Date of birth", "2011-04-09"),
                                        new Document.Row("Referred by", "Provincial police, Siem Reap"))),
                        new Document.Section(
                                ASSESSMENT,
                                List.of(
                                        new Document.Paragraph("Initial assessment completed at the shelter."),
                                        new Document.Row("ហានិភ័យ", "ខ្ពស់"))),
                        new Document.Section("Narrative", narrative)));
        pdf = CaseSummaryPdf.render(document);
    }

    @Test
    void summaryIsAPdfThatAParserOpens() throws IOException {
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            assertThat(document.isEncrypted()).isFalse();
        }
    }

    @Test
    void khmerTextIsExtractableFromTheSummary() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> firstPage = actualTexts(document.getPage(0));
            assertThat(firstPage).contains(CHILD_NAME, ASSESSMENT, "ហានិភ័យ", "ខ្ពស់", BANNER);
            assertThat(String.join("", firstPage)).contains("Case summary — " + CHILD_NAME);
        }
    }

    @Test
    void latinTextIsExtractableFromTheSummary() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Date of birth", "2011-04-09", "Provincial police, Siem Reap")
                    .contains("Initial assessment completed at the shelter.");
            assertThat(actualTexts(document.getPage(0))).contains("Date of birth", "Provincial police, Siem Reap");
        }
    }

    @Test
    void everyPageShowsTheBannerAndItsNumberOutOfTheTotal() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int total = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= total; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(actualTexts(document.getPage(page - 1))).contains(BANNER);
                assertThat(stripper.getText(document)).contains(page + " / " + total);
            }
        }
    }

    @Test
    void longKhmerTextWrapsBetweenSyllablesNeverInsideACluster() throws IOException {
        List<String> runs = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                runs.addAll(actualTexts(page));
            }
        }
        List<String> narrativeRuns = runs.stream()
                .filter(run -> run.codePoints().allMatch(c -> c >= 0x1780 && c <= 0x17FF))
                .filter(run -> !run.equals(ASSESSMENT) && !run.equals("ហានិភ័យ") && !run.equals("ខ្ពស់"))
                .toList();
        assertThat(narrativeRuns).as("the narrative wraps over several lines").hasSizeGreaterThan(60);
        assertThat(String.join("", narrativeRuns)).isEqualTo(KHMER_SENTENCE.repeat(6 * 60));
        for (String run : narrativeRuns) {
            assertThat(run.charAt(0)).as("a line starts a syllable").isBetween('\u1780', '\u17B3');
            assertThat(run.charAt(run.length() - 1))
                    .as("a line never ends on a coeng")
                    .isNotEqualTo('\u17D2');
            assertThat(run.length() < 2 || run.charAt(1) != '\u17CB')
                    .as("a line never starts with a final consonant (bantoc)")
                    .isTrue();
        }
    }

    @Test
    void khmerFontIsEmbeddedAndTheOnlyFontUsed() throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                collectFonts(page.getResources(), fonts);
            }
            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(font -> {
                assertThat(font.getName()).contains("NotoSansKhmer");
                assertThat(font.isEmbedded()).isTrue();
            });
            assertThat(fonts).anySatisfy(font -> assertThat(font.getName()).contains("NotoSansKhmer-Bold"));
        }
    }

    @Test
    void metadataTitleIsTheNeutralTitlePassedAndNothingNamesTheChild() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo(NEUTRAL_TITLE);
            assertThat(info.getAuthor()).isNull();
            assertThat(info.getSubject()).isNull();
            assertThat(info.getKeywords()).isNull();
            for (COSName key : info.getCOSObject().keySet()) {
                assertThat(info.getCOSObject().getString(key)).as(key.getName()).doesNotContain(CHILD_NAME);
            }
            assertThat(document.getDocumentCatalog().getMetadata()).isNull();
        }
    }

    /** The /ActualText of every marked-content span on the page, in content order, forms included. */
    static List<String> actualTexts(PDPage page) throws IOException {
        PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
        extractor.processPage(page);
        List<String> texts = new ArrayList<>();
        collect(extractor.getMarkedContents(), texts);
        return texts;
    }

    private static void collect(List<?> contents, List<String> texts) {
        for (Object content : contents) {
            if (content instanceof PDMarkedContent marked) {
                if (marked.getActualText() != null) {
                    texts.add(marked.getActualText());
                }
                collect(marked.getContents(), texts);
            }
        }
    }

    private static void collectFonts(PDResources resources, List<PDFont> fonts) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                collectFonts(form.getResources(), fonts);
            }
        }
    }
}
