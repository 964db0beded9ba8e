package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.cases.files.Samples.ascii;
import static org.haven.cases.files.Samples.concat;
import static org.haven.cases.files.Samples.contains;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebpMetadataTests {

    /** A real 1×1 lossless WebP (the one feature-detection scripts use): RIFF, WEBP, one VP8L chunk. */
    static final byte[] LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private static final int EXIF_FLAG = 0x08, XMP_FLAG = 0x04, ALPHA_FLAG = 0x10;

    private final byte[] vp8l = Arrays.copyOfRange(LOSSLESS, 12, LOSSLESS.length);
    private final byte[] extended = riff(
            chunk("VP8X", new byte[] {EXIF_FLAG | XMP_FLAG | ALPHA_FLAG, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
            vp8l,
            chunk("EXIF", Samples.tiff()),
            chunk("XMP ", ascii("<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + Samples.XMP_NAMESPACE + "</x:xmpmeta>")));

    @Test
    void exifAndXmpAreRemovedFromWebpAndTheirFlagsCleared() {
        byte[] stripped = ImageMetadata.strip(extended, FileType.WEBP);

        assertThat(contains(stripped, "EXIF")).isFalse();
        assertThat(contains(stripped, Samples.SERIAL)).isFalse();
        assertThat(contains(stripped, Samples.LATITUDE)).isFalse();
        assertThat(contains(stripped, "http://ns.adobe.com/xap")).isFalse();
        assertThat(stripped).isEqualTo(riff(chunk("VP8X", new byte[] {ALPHA_FLAG, 0, 0, 0, 0, 0, 0, 0, 0, 0}), vp8l));
    }

    @Test
    void webpImageDataIsCopiedUntouched() {
        assertThat(ImageMetadata.strip(LOSSLESS, FileType.WEBP)).isEqualTo(LOSSLESS);
        assertThat(new Uploads().inspect(extended, "photo.jpg").type()).isEqualTo(FileType.WEBP);
    }

    @Test
    void truncatedWebpIsRefused() {
        byte[] truncated = Arrays.copyOf(extended, extended.length - 3);

        assertThatThrownBy(() -> ImageMetadata.strip(truncated, FileType.WEBP))
                .isInstanceOfSatisfying(
                        UploadRefused.class, e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.MALFORMED));
    }

    @Test
    void webpWithoutImageIsRefused() {
        byte[] metadataOnly = riff(chunk("VP8X", new byte[10]), chunk("EXIF", Samples.tiff()));

        assertThatThrownBy(() -> new Uploads().inspect(metadataOnly, "photo.webp"))
                .isInstanceOf(UploadRefused.class);
    }

    static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat(ascii("RIFF"), le(body.length + 4), ascii("WEBP"), body);
    }

    static byte[] chunk(String fourCc, byte[] payload) {
        byte[] padding = new byte[payload.length % 2];
        return concat(ascii(fourCc), le(payload.length), payload, padding);
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }
}
