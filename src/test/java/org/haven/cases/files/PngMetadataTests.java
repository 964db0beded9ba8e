package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.cases.files.Samples.ascii;
import static org.haven.cases.files.Samples.chunk;
import static org.haven.cases.files.Samples.concat;
import static org.haven.cases.files.Samples.contains;

import java.util.Arrays;
import org.haven.cases.files.UploadRefused.Reason;
import org.junit.jupiter.api.Test;

class PngMetadataTests {

    private final byte[] original = Samples.png();
    private final byte[] screenshot = Samples.afterIhdr(
            original,
            chunk("tEXt", ascii("Author\0Sokha HAVEN-AUTHOR")),
            chunk("zTXt", ascii("Comment\0\0x")),
            chunk("iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), ascii(Samples.XMP_NAMESPACE))),
            chunk("eXIf", Samples.tiff()),
            chunk("tIME", new byte[] {0x07, (byte) 0xEA, 3, 14, 9, 30, 0}),
            chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}),
            chunk("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}));

    @Test
    void theSampleScreenshotCarriesMetadataAndStillDecodes() {
        assertThat(contains(screenshot, "HAVEN-AUTHOR")).isTrue();
        assertThat(Samples.pixels(screenshot)).isEqualTo(Samples.pixels(original));
    }

    @Test
    void authorTextExifXmpAndTimeAreRemovedFromPng() {
        byte[] stripped = ImageMetadata.strip(screenshot, FileType.PNG);

        for (String gone : new String[] {"tEXt", "zTXt", "iTXt", "eXIf", "tIME", "HAVEN-AUTHOR", "Author"}) {
            assertThat(contains(stripped, gone)).as(gone).isFalse();
        }
        assertThat(contains(stripped, Samples.SERIAL)).isFalse();
        assertThat(contains(stripped, Samples.LATITUDE)).isFalse();
        assertThat(contains(stripped, "http://ns.adobe.com/xap")).isFalse();
        assertThat(stripped.length).isLessThan(screenshot.length);
    }

    @Test
    void pngPixelsAreNotReencodedAndRenderingHintsAreKept() {
        byte[] stripped = ImageMetadata.strip(screenshot, FileType.PNG);

        assertThat(Samples.decode(stripped).getWidth()).isEqualTo(40);
        assertThat(Samples.decode(stripped).getHeight()).isEqualTo(30);
        assertThat(Samples.pixels(stripped)).isEqualTo(Samples.pixels(original));
        assertThat(stripped)
                .isEqualTo(Samples.afterIhdr(
                        original,
                        chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}),
                        chunk("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1})));
    }

    @Test
    void dataAfterTheEndChunkIsDropped() {
        byte[] polyglot = concat(original, ascii("PK\3\4 a zip archive"));

        assertThat(ImageMetadata.strip(polyglot, FileType.PNG)).isEqualTo(original);
    }

    @Test
    void pngWithBadCrcIsRefused() {
        byte[] corrupt = Samples.afterIhdr(original, chunk("tEXt", ascii("Author\0Sokha")));
        corrupt[8 + 25 + 12] ^= 1; // a byte of the text, the CRC no longer matches

        assertRefused(corrupt, Reason.MALFORMED);
    }

    @Test
    void truncatedPngIsRefused() {
        assertRefused(Arrays.copyOf(original, original.length - 12), Reason.MALFORMED);
        assertRefused(Arrays.copyOf(original, original.length / 2), Reason.MALFORMED);
    }

    @Test
    void pngMustStartWithItsHeader() {
        byte[] textFirst = Samples.insert(original, 8, chunk("tEXt", ascii("Author\0Sokha")));

        assertRefused(textFirst, Reason.MALFORMED);
    }

    @Test
    void unknownCriticalChunkIsRefused() {
        assertRefused(Samples.afterIhdr(original, chunk("HAVN", new byte[1])), Reason.MALFORMED);
    }

    @Test
    void pngWithTooManyPixelsIsRefused() {
        byte[] huge = original.clone();
        huge[16] = 0x7F; // width 2^31 - 1 and more, CRC fixed below
        byte[] ihdr = Arrays.copyOfRange(huge, 12, 12 + 4 + 13);
        byte[] fixed = chunk("IHDR", Arrays.copyOfRange(ihdr, 4, ihdr.length));
        System.arraycopy(fixed, 0, huge, 8, fixed.length);

        assertRefused(huge, Reason.TOO_LARGE);
    }

    @Test
    void pngHeaderWithImpossibleFieldsIsRefused() {
        byte[] header = Arrays.copyOfRange(original, 16, 16 + 13);
        header[9] = 5; // colour type 5 does not exist
        byte[] impossible = concat(
                Arrays.copyOf(original, 8), chunk("IHDR", header), Arrays.copyOfRange(original, 33, original.length));

        assertRefused(impossible, Reason.MALFORMED);
        assertThatThrownBy(() -> Png.parse(impossible)).hasMessageContaining("header fields");
    }

    private static void assertRefused(byte[] png, Reason reason) {
        assertThatThrownBy(() -> ImageMetadata.strip(png, FileType.PNG))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThatThrownBy(() -> new Uploads().inspect(png, "screenshot.png"))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
