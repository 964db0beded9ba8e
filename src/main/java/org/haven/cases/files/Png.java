package org.haven.cases.files;

import static org.haven.cases.files.Bytes.u32be;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * PNG chunk walker: signature, IHDR first, every CRC verified, IDAT present, IEND last. Stripping keeps
 * the critical chunks and the rendering hints, byte for byte, and drops text, Exif, time and the rest.
 */
final class Png {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private static final Set<String> CRITICAL = Set.of("IHDR", "PLTE", "IDAT", "IEND");
    private static final Set<String> KEPT =
            Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "pHYs", "sBIT", "bKGD");

    /** A chunk and its bytes {@code [start, end)}, from its length field to its CRC included. */
    record Chunk(String type, int start, int end) {}

    private Png() {}

    static boolean looksLike(byte[] b) {
        return b.length >= SIGNATURE.length && java.util.Arrays.equals(b, 0, 8, SIGNATURE, 0, 8);
    }

    /** The chunks from IHDR to IEND included; anything after IEND is ignored. */
    static List<Chunk> parse(byte[] b) {
        if (!looksLike(b)) {
            throw UploadRefused.malformed("PNG without signature");
        }
        List<Chunk> chunks = new ArrayList<>();
        boolean data = false;
        int pos = SIGNATURE.length;
        while (true) {
            Chunk chunk = chunkAt(b, pos);
            String type = chunk.type();
            if (chunks.isEmpty() != type.equals("IHDR")) {
                throw UploadRefused.malformed("PNG must start with one IHDR");
            }
            if (Character.isUpperCase(type.charAt(0)) && !CRITICAL.contains(type)) {
                throw UploadRefused.malformed("unknown critical PNG chunk");
            }
            if (type.equals("IHDR")) {
                checkHeader(b, chunk);
            }
            data |= type.equals("IDAT");
            chunks.add(chunk);
            if (type.equals("IEND")) {
                if (!data) {
                    throw UploadRefused.malformed("PNG without image data");
                }
                return chunks;
            }
            pos = chunk.end();
        }
    }

    private static Chunk chunkAt(byte[] b, int pos) {
        long length = u32be(b, pos);
        if (length > b.length) {
            throw UploadRefused.malformed("truncated");
        }
        Bytes.need(b, pos + 8, (int) length + 4);
        String type = Bytes.ascii(b, pos + 4, 4);
        if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            throw UploadRefused.malformed("PNG chunk type");
        }
        CRC32 crc = new CRC32();
        crc.update(b, pos + 4, 4 + (int) length);
        int end = pos + 8 + (int) length;
        if (crc.getValue() != u32be(b, end)) {
            throw UploadRefused.malformed("PNG chunk CRC");
        }
        return new Chunk(type, pos, end + 4);
    }

    private static void checkHeader(byte[] b, Chunk ihdr) {
        if (ihdr.end() - ihdr.start() != 12 + 13) {
            throw UploadRefused.malformed("PNG header length");
        }
        Bytes.checkPixels(u32be(b, ihdr.start() + 8), u32be(b, ihdr.start() + 12));
        int depth = b[ihdr.start() + 16], colour = b[ihdr.start() + 17];
        boolean valid = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!valid || b[ihdr.start() + 18] != 0 || b[ihdr.start() + 19] != 0 || (b[ihdr.start() + 20] & ~1) != 0) {
            throw UploadRefused.malformed("PNG header fields");
        }
    }

    /** The same PNG with only what rendering needs: see {@link ImageMetadata#strip}. */
    static byte[] strip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.writeBytes(SIGNATURE);
        for (Chunk chunk : parse(b)) {
            if (KEPT.contains(chunk.type())) {
                out.write(b, chunk.start(), chunk.end() - chunk.start());
            }
        }
        return out.toByteArray();
    }
}
