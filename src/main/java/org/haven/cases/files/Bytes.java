package org.haven.cases.files;

import java.nio.charset.StandardCharsets;

/** Bounds-checked reads of big- and little-endian integers; running off the end means a truncated file. */
final class Bytes {

    private Bytes() {}

    static void need(byte[] b, int from, int count) {
        if (from < 0 || count < 0 || (long) from + count > b.length) {
            throw UploadRefused.malformed("truncated");
        }
    }

    static int u8(byte[] b, int at) {
        need(b, at, 1);
        return b[at] & 0xFF;
    }

    static int u16be(byte[] b, int at) {
        need(b, at, 2);
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32be(byte[] b, int at) {
        need(b, at, 4);
        return (long) u16be(b, at) << 16 | u16be(b, at + 2);
    }

    static int u16le(byte[] b, int at) {
        need(b, at, 2);
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u24le(byte[] b, int at) {
        return u16le(b, at) | u8(b, at + 2) << 16;
    }

    static long u32le(byte[] b, int at) {
        return u16le(b, at) | (long) u16le(b, at + 2) << 16;
    }

    static boolean startsWith(byte[] b, int at, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String ascii(byte[] b, int at, int count) {
        need(b, at, count);
        return new String(b, at, count, StandardCharsets.ISO_8859_1);
    }

    static int indexOf(byte[] b, String ascii, int from, int to) {
        for (int i = Math.max(from, 0); i <= to - ascii.length(); i++) {
            if (startsWith(b, i, ascii)) {
                return i;
            }
        }
        return -1;
    }

    static void checkPixels(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw UploadRefused.malformed("image without size");
        }
        if (width * height > ImageMetadata.MAX_PIXELS) {
            throw new UploadRefused(UploadRefused.Reason.TOO_LARGE, "too many pixels");
        }
    }
}
