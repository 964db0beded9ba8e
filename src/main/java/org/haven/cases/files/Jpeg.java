package org.haven.cases.files;

import static org.haven.cases.files.Bytes.startsWith;
import static org.haven.cases.files.Bytes.u16be;
import static org.haven.cases.files.Bytes.u8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JPEG segment walker. Every segment is length-checked; a scan runs through its entropy-coded data
 * (stuffed {@code FF00}, restart markers {@code RSTn}, fill bytes) up to the next real marker, and the
 * headers are checked as a decoder would ({@link JpegHeaders}). Stripping
 * copies the kept segments byte for byte, so pixels are never re-encoded.
 */
final class Jpeg {

    private static final int SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, APP0 = 0xE0, APP2 = 0xE2, APP14 = 0xEE;

    /** A marker and its bytes {@code [start, end)}: from the marker's {@code FF} to the next marker. */
    record Segment(int marker, int start, int end) {}

    private Jpeg() {}

    static boolean looksLike(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == SOI && (b[2] & 0xFF) == 0xFF;
    }

    /** The segments from the first after SOI to EOI included; anything after EOI is ignored. */
    static List<Segment> parse(byte[] b) {
        if (!looksLike(b)) {
            throw UploadRefused.malformed("JPEG without start of image");
        }
        List<Segment> segments = new ArrayList<>();
        JpegHeaders headers = new JpegHeaders();
        boolean scan = false;
        int pos = 2;
        while (true) {
            int at = markerAt(b, pos);
            int marker = u8(b, at);
            if (marker == EOI) {
                if (!scan) {
                    throw UploadRefused.malformed("JPEG without image data");
                }
                segments.add(new Segment(EOI, at - 1, at + 1));
                return segments;
            }
            if (!withLength(marker)) {
                throw UploadRefused.malformed("unexpected JPEG marker");
            }
            int length = u16be(b, at + 1);
            Bytes.need(b, at + 1, length);
            if (length < 2) {
                throw UploadRefused.malformed("JPEG segment too short");
            }
            int end = at + 1 + length;
            headers.check(marker, b, at + 3, end);
            if (marker == SOS) {
                end = entropyEnd(b, end);
                scan = true;
            }
            segments.add(new Segment(marker, at - 1, end));
            pos = end;
        }
    }

    /** Index of the marker code after {@code FF} and any fill bytes {@code FF} at {@code pos}. */
    private static int markerAt(byte[] b, int pos) {
        if (u8(b, pos) != 0xFF) {
            throw UploadRefused.malformed("JPEG marker expected");
        }
        while (u8(b, pos) == 0xFF) {
            pos++;
        }
        return pos;
    }

    /** Where the entropy-coded data starting at {@code from} ends: the first {@code FF} of the next marker. */
    private static int entropyEnd(byte[] b, int from) {
        int i = from;
        while (true) {
            if (u8(b, i) != 0xFF) {
                i++;
                continue;
            }
            int next = i + 1;
            while (u8(b, next) == 0xFF) {
                next++;
            }
            int code = b[next] & 0xFF;
            if (code != 0 && (code < 0xD0 || code > 0xD7)) {
                return i;
            }
            i = next + 1;
        }
    }

    private static boolean withLength(int marker) {
        return (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8)
                || marker == 0xDB // DQT
                || marker == 0xDD // DRI
                || marker == SOS
                || (marker >= APP0 && marker <= 0xEF)
                || marker == 0xFE; // COM
    }

    /** The same JPEG with only what decoding needs: see {@link ImageMetadata#strip}. */
    static byte[] strip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(0xFF);
        out.write(SOI);
        for (Segment s : parse(b)) {
            if (s.marker() == APP0 && isApp(b, s, "JFIF\0") && s.end() - s.start() >= 18) {
                out.write(b, s.start(), 2);
                out.writeBytes(new byte[] {0, 16});
                out.write(b, s.start() + 4, 12);
                out.writeBytes(new byte[] {0, 0}); // no thumbnail: it could show the uncropped original
            } else if (keep(b, s)) {
                out.write(b, s.start(), s.end() - s.start());
            }
        }
        return out.toByteArray();
    }

    private static boolean keep(byte[] b, Segment s) {
        if (s.marker() == APP2) {
            return isApp(b, s, "ICC_PROFILE\0");
        }
        if (s.marker() == APP14) {
            return isApp(b, s, "Adobe");
        }
        return s.marker() < APP0; // frame, tables, restart interval, scans and EOI
    }

    private static boolean isApp(byte[] b, Segment s, String identifier) {
        return s.start() + 4 + identifier.length() <= s.end() && startsWith(b, s.start() + 4, identifier);
    }
}
