package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.cases.files.Samples.ascii;
import static org.haven.cases.files.Samples.concat;
import static org.haven.cases.files.Samples.contains;
import static org.haven.cases.files.Samples.segment;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JpegMetadataTests {

    private final byte[] original = Samples.jpeg();
    private final byte[] photo = Samples.afterApp0(original, Samples.exifApp1(), Samples.xmpApp1(), Samples.comment());

    @Test
    void theSamplePhotoCarriesGpsSerialXmpAndCommentAndStillDecodes() {
        assertThat(contains(photo, "Exif\0\0")).isTrue();
        assertThat(contains(photo, Samples.SERIAL)).isTrue();
        assertThat(contains(photo, Samples.LATITUDE)).isTrue();
        assertThat(Samples.pixels(photo)).isEqualTo(Samples.pixels(original));
    }

    @Test
    void gpsCoordinatesAreRemovedFromJpegPhotos() {
        byte[] stripped = ImageMetadata.strip(photo, FileType.JPEG);

        assertThat(contains(stripped, "Exif\0\0")).isFalse();
        assertThat(contains(stripped, Samples.LATITUDE)).isFalse();
        assertThat(contains(stripped, Samples.GPS_LATITUDE_ENTRY)).isFalse();
        assertThat(contains(stripped, Samples.tiff())).isFalse();
    }

    @Test
    void cameraSerialXmpAndCommentsAreRemovedFromJpegPhotos() {
        byte[] stripped = ImageMetadata.strip(photo, FileType.JPEG);

        assertThat(contains(stripped, Samples.SERIAL)).isFalse();
        assertThat(contains(stripped, "http://ns.adobe.com/xap")).isFalse();
        assertThat(contains(stripped, Samples.XMP_AUTHOR)).isFalse();
        assertThat(contains(stripped, "HAVEN-COMMENT")).isFalse();
        assertThat(stripped.length).isLessThan(photo.length);
    }

    @Test
    void jpegPixelsAreNotReencoded() {
        byte[] stripped = ImageMetadata.strip(photo, FileType.JPEG);

        assertThat(Samples.decode(stripped).getWidth()).isEqualTo(48);
        assertThat(Samples.decode(stripped).getHeight()).isEqualTo(32);
        assertThat(Samples.pixels(stripped)).isEqualTo(Samples.pixels(photo));
        assertThat(stripped).isEqualTo(original);
    }

    @Test
    void restartMarkersInsideTheScanAreKeptUntouched() {
        byte[] withRestarts = Samples.jpeg(false, 2);
        assertThat(contains(withRestarts, new byte[] {(byte) 0xFF, (byte) 0xD0}))
                .isTrue();

        byte[] stripped = ImageMetadata.strip(Samples.afterApp0(withRestarts, Samples.exifApp1()), FileType.JPEG);

        assertThat(stripped).isEqualTo(withRestarts);
        assertThat(Samples.pixels(stripped)).isEqualTo(Samples.pixels(withRestarts));
    }

    @Test
    void everyScanOfAProgressiveJpegIsKept() {
        byte[] progressive = Samples.jpeg(true, 0);

        byte[] stripped = ImageMetadata.strip(Samples.afterApp0(progressive, Samples.exifApp1()), FileType.JPEG);

        assertThat(stripped).isEqualTo(progressive);
        assertThat(Samples.pixels(stripped)).isEqualTo(Samples.pixels(progressive));
    }

    @Test
    void fillBytesBeforeMarkersAreAccepted() {
        byte[] filled = Samples.afterApp0(original, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        byte[] stripped = ImageMetadata.strip(filled, FileType.JPEG);

        assertThat(stripped).isEqualTo(original);
    }

    @Test
    void jfifThumbnailIsRemovedWhileJfifItselfIsKept() {
        byte[] jfif = concat(ascii("JFIF\0"), new byte[] {1, 2, 0, 0, 1, 0, 1, 1, 1, 9, 9, 9});
        int app0End = 4 + 16;
        byte[] withThumbnail = concat(
                Arrays.copyOfRange(original, 0, 2),
                segment(0xE0, jfif),
                Arrays.copyOfRange(original, app0End, original.length));

        byte[] stripped = ImageMetadata.strip(withThumbnail, FileType.JPEG);

        assertThat(Arrays.copyOfRange(stripped, 0, app0End))
                .isEqualTo(concat(
                        new byte[] {(byte) 0xFF, (byte) 0xD8},
                        segment(0xE0, concat(ascii("JFIF\0"), new byte[] {1, 2, 0, 0, 1, 0, 1, 0, 0}))));
        assertThat(Samples.pixels(stripped)).isEqualTo(Samples.pixels(original));
    }

    @Test
    void colourProfileIsKeptButOtherApp2SegmentsAreDropped() {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] icc = segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1}, profile));
        byte[] multiPicture = segment(0xE2, concat(ascii("MPF\0"), Samples.tiff()));

        byte[] stripped = ImageMetadata.strip(Samples.afterApp0(original, icc, multiPicture), FileType.JPEG);

        assertThat(stripped).isEqualTo(Samples.afterApp0(original, icc));
    }

    @Test
    void picturesAndVideosAppendedAfterTheImageAreDropped() {
        byte[] motionPhoto = concat(photo, ascii("ftypmp42 a short video of the street"));

        assertThat(ImageMetadata.strip(motionPhoto, FileType.JPEG)).isEqualTo(original);
    }

    @Test
    void truncatedJpegIsRefused() {
        byte[] truncated = Arrays.copyOf(photo, photo.length - 10);

        assertThatThrownBy(() -> ImageMetadata.strip(truncated, FileType.JPEG))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.MALFORMED));
    }

    @Test
    void jpegWithoutImageDataIsRefused() {
        byte[] headersOnly = concat(Arrays.copyOfRange(original, 0, 20), new byte[] {(byte) 0xFF, (byte) 0xD9});

        assertThatThrownBy(() -> ImageMetadata.strip(headersOnly, FileType.JPEG))
                .isInstanceOf(UploadRefused.class);
    }

    @Test
    void otherTypesAreReturnedUnchanged() {
        byte[] text = ascii("case notes");

        assertThat(ImageMetadata.strip(text, FileType.TEXT)).isSameAs(text);
    }

    @Test
    void jpegCodingsDecodersLackAreRefusedAsNotAllowed() {
        byte[] twelveBit = original.clone();
        twelveBit[markerAt(0xC0) + 4] = 12;
        byte[] arithmetic = original.clone();
        arithmetic[markerAt(0xC0) + 1] = (byte) 0xC9;

        assertRefused(twelveBit, UploadRefused.Reason.TYPE_NOT_ALLOWED);
        assertRefused(arithmetic, UploadRefused.Reason.TYPE_NOT_ALLOWED);
    }

    @Test
    void scanUsingAnUndefinedHuffmanTableIsRefused() {
        byte[] undefinedTable = original.clone();
        undefinedTable[markerAt(0xDA) + 6] = 0x33; // first component of the scan: DC and AC table 3

        assertRefused(undefinedTable, UploadRefused.Reason.MALFORMED);
    }

    private int markerAt(int marker) {
        for (int i = 0; ; i++) {
            if ((original[i] & 0xFF) == 0xFF && (original[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
    }

    private static void assertRefused(byte[] jpeg, UploadRefused.Reason reason) {
        assertThatThrownBy(() -> new Uploads().inspect(jpeg, "photo.jpg"))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
