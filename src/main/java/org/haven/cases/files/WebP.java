package org.haven.cases.files;

import static org.haven.cases.files.Bytes.u16le;
import static org.haven.cases.files.Bytes.u24le;
import static org.haven.cases.files.Bytes.u32le;
import static org.haven.cases.files.Bytes.u8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * WebP (RIFF) chunk walker. Stripping keeps the image, alpha, animation and colour-profile chunks byte
 * for byte, drops EXIF, XMP and unknown chunks, clears the matching VP8X flags and rewrites the RIFF size.
 */
final class WebP {

    private static final Set<String> IMAGE = Set.of("VP8 ", "VP8L", "ANMF");
    private static final Set<String> KEPT = Set.of("VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP");
    private static final int EXIF_FLAG = 0x08, XMP_FLAG = 0x04;

    /** A chunk and its bytes {@code [start, end)}, from its FourCC to its padding byte included. */
    record Chunk(String fourCc, int start, int end) {}

    private WebP() {}

    static boolean looksLike(byte[] b) {
        return Bytes.startsWith(b, 0, "RIFF") && Bytes.startsWith(b, 8, "WEBP");
    }

    /** The chunks inside the RIFF container; anything after it is ignored. */
    static List<Chunk> parse(byte[] b) {
        if (!looksLike(b)) {
            throw UploadRefused.malformed("WebP without RIFF header");
        }
        long riffEnd = 8 + u32le(b, 4);
        if (riffEnd > b.length) {
            throw UploadRefused.malformed("truncated");
        }
        List<Chunk> chunks = new ArrayList<>();
        int pos = 12;
        while (pos < riffEnd) {
            String fourCc = Bytes.ascii(b, pos, 4);
            long size = u32le(b, pos + 4);
            long end = pos + 8 + size + (size & 1);
            if (end > riffEnd || !fourCc.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw UploadRefused.malformed("WebP chunk");
            }
            if (chunks.isEmpty()) {
                checkFirst(b, fourCc, pos + 8, (int) size);
            }
            chunks.add(new Chunk(fourCc, pos, (int) end));
            pos = (int) end;
        }
        if (chunks.stream().noneMatch(c -> IMAGE.contains(c.fourCc()))) {
            throw UploadRefused.malformed("WebP without image data");
        }
        return chunks;
    }

    /** The first chunk says how large the image is; refuse what is not a WebP image chunk. */
    private static void checkFirst(byte[] b, String fourCc, int at, int size) {
        switch (fourCc) {
            case "VP8X" -> {
                require(size >= 10);
                Bytes.checkPixels(1L + u24le(b, at + 4), 1L + u24le(b, at + 7));
            }
            case "VP8L" -> {
                require(size >= 5 && u8(b, at) == 0x2F);
                long bits = u32le(b, at + 1);
                Bytes.checkPixels((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1);
            }
            case "VP8 " -> {
                require(size >= 10 && Bytes.startsWith(b, at + 3, "\u009D\u0001\u002A"));
                Bytes.checkPixels(u16le(b, at + 6) & 0x3FFF, u16le(b, at + 8) & 0x3FFF);
            }
            default -> throw UploadRefused.malformed("WebP must start with an image header");
        }
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw UploadRefused.malformed("WebP image header");
        }
    }

    /** The same WebP without metadata: see {@link ImageMetadata#strip}. */
    static byte[] strip(byte[] b) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.length);
        for (Chunk chunk : parse(b)) {
            if (!KEPT.contains(chunk.fourCc())) {
                continue;
            }
            byte[] copy = java.util.Arrays.copyOfRange(b, chunk.start(), chunk.end());
            if (chunk.fourCc().equals("VP8X")) {
                copy[8] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
            }
            body.writeBytes(copy);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int riffSize = body.size() + 4;
        out.writeBytes(
                new byte[] {(byte) riffSize, (byte) (riffSize >> 8), (byte) (riffSize >> 16), (byte) (riffSize >> 24)});
        out.writeBytes("WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
