package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage, truncated and corrupted files: only ever refused with {@link UploadRefused}, never crashing. */
class UploadsFuzzTests {

    private static final int ROUNDS = 300;

    private final Random random = new Random(20_260_314L);
    private final Uploads uploads = new Uploads();
    private final byte[] jpeg = Samples.afterApp0(Samples.jpeg(), Samples.exifApp1(), Samples.comment());
    private final byte[] png = Samples.afterIhdr(Samples.png(), Samples.chunk("eXIf", Samples.tiff()));

    @Test
    void randomBytesAreRefusedCleanly() {
        byte[][] magics = {{}, {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Png.SIGNATURE, Samples.ascii("%PDF-1.4")};
        for (int i = 0; i < ROUNDS; i++) {
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            byte[] magic = magics[i % magics.length];
            System.arraycopy(magic, 0, noise, 0, Math.min(magic.length, noise.length));
            acceptOrRefuse(noise);
        }
    }

    @Test
    void truncatedImagesAreRefusedCleanly() {
        for (int i = 0; i < ROUNDS; i++) {
            byte[] image = i % 2 == 0 ? jpeg : png;
            assertThat(acceptOrRefuse(Arrays.copyOf(image, random.nextInt(image.length))))
                    .as("a truncated image is never accepted")
                    .isFalse();
        }
    }

    @Test
    void corruptedImagesAreRefusedCleanlyOrStillDecode() {
        for (int i = 0; i < ROUNDS; i++) {
            byte[] image = (i % 2 == 0 ? jpeg : png).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                image[random.nextInt(image.length)] = (byte) random.nextInt(256);
            }
            acceptOrRefuse(image);
        }
    }

    /** Whether {@code content} was accepted; an accepted image must decode to the original size. */
    private boolean acceptOrRefuse(byte[] content) {
        Accepted accepted;
        try {
            accepted = uploads.accept(content, "upload.bin");
        } catch (UploadRefused refused) {
            return false;
        }
        FileType type = accepted.inspected().type();
        if (type == FileType.JPEG || type == FileType.PNG) {
            assertThat(Samples.decode(accepted.content()).getWidth()).isPositive();
        }
        return true;
    }
}
