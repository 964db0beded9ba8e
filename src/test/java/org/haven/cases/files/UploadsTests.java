package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.cases.files.Samples.ascii;
import static org.haven.cases.files.Samples.concat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.haven.cases.files.UploadRefused.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadsTests {

    static final String PDF = """
            %PDF-1.7
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] EXTRA >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """;

    private final Uploads uploads = new Uploads();

    static byte[] pdf(String pageExtra) {
        return ascii(PDF.replace("EXTRA", pageExtra));
    }

    static Stream<Arguments> acceptedFiles() {
        return Stream.of(
                Arguments.of(pdf(""), FileType.PDF),
                Arguments.of(Samples.jpeg(), FileType.JPEG),
                Arguments.of(Samples.png(), FileType.PNG),
                Arguments.of(WebpMetadataTests.LOSSLESS, FileType.WEBP),
                Arguments.of("Case notes, 3 March\nលិខិតយល់ព្រម\n".getBytes(StandardCharsets.UTF_8), FileType.TEXT));
    }

    @ParameterizedTest
    @MethodSource("acceptedFiles")
    void eachAcceptedTypeIsDetectedWhateverTheClaimedName(byte[] content, FileType type) {
        for (String claimed : new String[] {"setup.exe", "photo.jpg", "letter.pdf", "index.html", null}) {
            Inspected inspected = uploads.inspect(content, claimed);

            assertThat(inspected.type()).isEqualTo(type);
            assertThat(inspected.fileName()).endsWith("." + type.extension());
            assertThat(inspected.size()).isEqualTo(content.length);
        }
    }

    @Test
    void executablesAndArchivesAreRefused() {
        byte[] exe = concat(ascii("MZ"), new byte[] {(byte) 0x90, 0, 3, 0, 0, 0, 4, 0}, ascii("This program"));
        byte[] elf = concat(new byte[] {0x7F}, ascii("ELF"), new byte[] {2, 1, 1, 0});
        byte[] zip = concat(ascii("PK"), new byte[] {3, 4, 20, 0}, ascii("[Content_Types].xml"));
        byte[] gif = concat(ascii("GIF89a"), new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0});

        for (byte[] content : new byte[][] {exe, elf, zip, gif}) {
            assertRefused(content, "document.pdf", Reason.TYPE_NOT_ALLOWED);
        }
    }

    @Test
    void htmlNamedAsJpegIsRefused() {
        assertRefused(
                ascii("<!DOCTYPE html><html><script>alert(1)</script></html>"), "photo.jpg", Reason.ACTIVE_CONTENT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
                "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                "\uFEFF  <HTML><BODY>hello</BODY></HTML>",
                "Meeting notes\nnothing special\n<iframe src='https://evil.example'></iframe>"
            })
    void svgAndOtherMarkupIsRefused(String markup) {
        assertRefused(markup.getBytes(StandardCharsets.UTF_8), "notes.txt", Reason.ACTIVE_CONTENT);
    }

    @Test
    void jpegCarryingHtmlInItsFirstBytesIsRefused() {
        byte[] polyglot = Samples.afterApp0(
                Samples.jpeg(), Samples.segment(0xFE, ascii("<html><script>alert(document.cookie)</script>")));

        assertRefused(polyglot, "photo.jpg", Reason.ACTIVE_CONTENT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
                "/AA << /O << /S /J#61vaScript /J#53 (app.alert(1)) >> >>",
                "/OpenAction << /S /Launch /F (cmd.exe) >>",
                "/Names << /EmbeddedFiles 9 0 R >>"
            })
    void pdfWithScriptsOrEmbeddedFilesIsRefused(String action) {
        assertRefused(pdf(action), "letter.pdf", Reason.ACTIVE_CONTENT);
    }

    @Test
    void pdfStreamBytesAreNotMistakenForActions() {
        String stream = "/Contents 4 0 R >> endobj\n4 0 obj << /Length 12 >> stream\nq /JS Do Q x\nendstream endobj\n";

        assertThat(uploads.inspect(pdf(stream), "letter.pdf").type()).isEqualTo(FileType.PDF);
    }

    @Test
    void pdfWithoutEndIsRefused() {
        byte[] truncated = Arrays.copyOf(pdf(""), 60);

        assertRefused(truncated, "letter.pdf", Reason.MALFORMED);
    }

    @Test
    void textThatIsNotCleanUtf8IsRefused() {
        assertRefused(ascii("caf\u00E9 in Latin-1"), "notes.txt", Reason.TYPE_NOT_ALLOWED);
        assertRefused(ascii("nul\0inside"), "notes.txt", Reason.TYPE_NOT_ALLOWED);
        assertRefused(ascii("terminal \u001B]0;escape\u0007"), "notes.txt", Reason.TYPE_NOT_ALLOWED);
    }

    @Test
    void emptyFileIsRefused() {
        assertRefused(new byte[0], "consent.pdf", Reason.EMPTY);
        assertRefused(null, "consent.pdf", Reason.EMPTY);
    }

    @Test
    void fileOverTheLimitIsRefused() {
        byte[] png = Samples.png();

        assertThat(new Uploads(png.length).inspect(png, "a.png").type()).isEqualTo(FileType.PNG);
        assertThatThrownBy(() -> new Uploads(png.length - 1).inspect(png, "a.png"))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(Uploads.DEFAULT_MAX_BYTES).isEqualTo(10 * 1024 * 1024);
        assertThatThrownBy(() -> new Uploads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingStopsJustPastTheLimit() throws Exception {
        byte[] eleven = new byte[11 * 1024 * 1024];
        CountingStream in = new CountingStream(eleven);

        assertThatThrownBy(() -> uploads.read(in))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(in.consumed()).isEqualTo(Uploads.DEFAULT_MAX_BYTES + 1);
        assertThat(uploads.read(new ByteArrayInputStream(pdf("")))).isEqualTo(pdf(""));
    }

    @Test
    void truncatedJpegIsRefused() {
        byte[] jpeg = Samples.jpeg();

        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "photo.jpg", Reason.MALFORMED);
        assertRefused(Arrays.copyOf(jpeg, 3), "photo.jpg", Reason.MALFORMED);
    }

    @Test
    void acceptedImagesComeWithoutTheirMetadata() {
        byte[] original = Samples.jpeg();
        byte[] photo = Samples.afterApp0(original, Samples.exifApp1());

        Accepted accepted = uploads.accept(photo, "IMG_0001.JPG");

        assertThat(accepted.inspected().fileName()).isEqualTo("IMG_0001.jpg");
        assertThat(accepted.content()).isEqualTo(original);
        assertThat(uploads.accept(pdf(""), "x.pdf").content()).isEqualTo(pdf(""));
    }

    @Test
    void refusalsNameNeitherTheFileNorItsContent() {
        assertThatThrownBy(() -> uploads.inspect(ascii("<html>Sokha lives at 12 Street 5</html>"), "Sokha.html"))
                .isInstanceOf(UploadRefused.class)
                .message()
                .doesNotContain("Sokha", "Street");
    }

    private void assertRefused(byte[] content, String claimedName, Reason reason) {
        assertThatThrownBy(() -> uploads.inspect(content, claimedName))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Counts what was read, to show an oversized upload is not read whole. */
    private static final class CountingStream extends ByteArrayInputStream {
        CountingStream(byte[] content) {
            super(content);
        }

        int consumed() {
            return pos;
        }
    }
}
