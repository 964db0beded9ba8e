package org.haven.cases.files;

import static org.haven.cases.files.Bytes.u16be;
import static org.haven.cases.files.Bytes.u8;

/**
 * The checks a JPEG decoder makes on the frame, table and scan headers (those of libjpeg, which ImageIO
 * and browsers use), made at upload so that an accepted JPEG decodes: 8-bit baseline, extended or
 * progressive Huffman coding; exact segment lengths; table indexes in range and defined before use;
 * sampling factors a decoder supports.
 */
final class JpegHeaders {

    private static final int SOF0 = 0xC0, SOF1 = 0xC1, SOF2 = 0xC2, DHT = 0xC4, DQT = 0xDB, DRI = 0xDD;
    private static final int SOS = 0xDA, MAX_BLOCKS_IN_MCU = 10;

    private int quantTables;
    private int dcTables;
    private int acTables;
    private boolean progressive;
    private int[] ids = new int[0];
    private int[] samplings;
    private int[] quantTableOf;

    /** Checks the segment with {@code marker} whose payload (after the length) is {@code [at, end)}. */
    void check(int marker, byte[] b, int at, int end) {
        switch (marker) {
            case SOF0, SOF1, SOF2 -> frame(marker, b, at, end);
            case DQT -> quantization(b, at, end);
            case DHT -> huffman(b, at, end);
            case DRI -> require(end - at == 2, "restart interval");
            case SOS -> scan(b, at, end);
            default -> {
                if (marker < 0xE0) {
                    throw new UploadRefused(UploadRefused.Reason.TYPE_NOT_ALLOWED, "JPEG coding not supported");
                }
            }
        }
    }

    private void frame(int marker, byte[] b, int at, int end) {
        int count = u8(b, at + 5);
        require(ids.length == 0 && count >= 1 && count <= 4 && end - at == 6 + 3 * count, "frame");
        if (u8(b, at) != 8) {
            throw new UploadRefused(UploadRefused.Reason.TYPE_NOT_ALLOWED, "JPEG with more than 8 bits");
        }
        Bytes.checkPixels(u16be(b, at + 3), u16be(b, at + 1));
        progressive = marker == SOF2;
        ids = new int[count];
        samplings = new int[count];
        quantTableOf = new int[count];
        int maxH = 1, maxV = 1;
        for (int i = 0; i < count; i++) {
            ids[i] = u8(b, at + 6 + 3 * i);
            samplings[i] = u8(b, at + 7 + 3 * i);
            quantTableOf[i] = u8(b, at + 8 + 3 * i);
            require(h(i) >= 1 && h(i) <= 4 && v(i) >= 1 && v(i) <= 4 && quantTableOf[i] <= 3, "frame component");
            maxH = Math.max(maxH, h(i));
            maxV = Math.max(maxV, v(i));
        }
        for (int i = 0; i < count; i++) {
            require(maxH % h(i) == 0 && maxV % v(i) == 0, "sampling factors");
        }
    }

    private void quantization(byte[] b, int at, int end) {
        while (at < end) {
            int precision = u8(b, at) >> 4, index = u8(b, at) & 0x0F;
            require(precision <= 1 && index <= 3, "quantization table");
            quantTables |= 1 << index;
            at += 1 + 64 * (precision + 1);
        }
        require(at == end, "quantization table length");
    }

    private void huffman(byte[] b, int at, int end) {
        while (at < end) {
            int tableClass = u8(b, at) >> 4, index = u8(b, at) & 0x0F;
            require(tableClass <= 1 && index <= 3, "Huffman table");
            int symbols = 0, code = 0;
            for (int length = 1; length <= 16; length++) {
                int count = u8(b, at + length);
                symbols += count;
                code = (code << 1) + count;
                require(count == 0 || code < 1 << length, "Huffman codes"); // a decoder refuses overfull tables
            }
            require(symbols <= 256 && at + 17 + symbols <= end, "Huffman table length");
            for (int i = 0; i < symbols; i++) {
                require(tableClass == 1 || u8(b, at + 17 + i) <= 15, "Huffman DC symbol");
            }
            if (tableClass == 0) {
                dcTables |= 1 << index;
            } else {
                acTables |= 1 << index;
            }
            at += 17 + symbols;
        }
        require(at == end, "Huffman table length");
    }

    private void scan(byte[] b, int at, int end) {
        int count = u8(b, at);
        require(count >= 1 && count <= 4 && end - at == 4 + 2 * count, "scan header");
        int start = u8(b, at + 1 + 2 * count), stop = u8(b, at + 2 + 2 * count);
        int high = u8(b, at + 3 + 2 * count) >> 4, low = u8(b, at + 3 + 2 * count) & 0x0F;
        boolean dc = start == 0, firstPass = high == 0;
        if (progressive) {
            require(dc ? stop == 0 : start <= stop && stop <= 63 && count == 1, "progressive scan");
            require((high == 0 || low == high - 1) && low <= 13, "progressive refinement");
        }
        int blocks = 0;
        for (int i = 0; i < count; i++) {
            int c = component(u8(b, at + 1 + 2 * i));
            int tables = u8(b, at + 2 + 2 * i);
            boolean needsDc = !progressive || (dc && firstPass), needsAc = !progressive || !dc;
            require(!needsDc || defined(dcTables, tables >> 4), "DC table not defined");
            require(!needsAc || defined(acTables, tables & 0x0F), "AC table not defined");
            require(defined(quantTables, quantTableOf[c]), "quantization table not defined");
            blocks += h(c) * v(c);
        }
        require(count == 1 || blocks <= MAX_BLOCKS_IN_MCU, "scan blocks");
    }

    private int component(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        throw UploadRefused.malformed("scan of an unknown component");
    }

    private int h(int component) {
        return samplings[component] >> 4;
    }

    private int v(int component) {
        return samplings[component] & 0x0F;
    }

    private static boolean defined(int tables, int index) {
        return index <= 3 && (tables & 1 << index) != 0;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw UploadRefused.malformed("JPEG " + what);
        }
    }
}
