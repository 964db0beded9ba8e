package org.haven.cases.files;

import java.util.Set;

/**
 * PDF checks: the header at byte 0, {@code %%EOF} near the end, and no name in the uncompressed objects
 * that makes a reader run something ({@code /JavaScript}, {@code /JS}, {@code /Launch}, embedded files,
 * rich media), also when spelled with {@code #xx} escapes. Best effort: objects inside compressed object
 * streams are not inflated, so this is a second wall behind serving PDFs as downloads only.
 */
final class Pdf {

    private static final Set<String> ACTIVE =
            Set.of("JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia");
    private static final int MAX_NAME = 32;

    private Pdf() {}

    static boolean looksLike(byte[] b) {
        return Bytes.startsWith(b, 0, "%PDF-");
    }

    static void check(byte[] b) {
        if (b.length < 8 || !Character.isDigit(b[5]) || b[6] != '.' || !Character.isDigit(b[7])) {
            throw UploadRefused.malformed("PDF header");
        }
        if (Bytes.indexOf(b, "%%EOF", b.length - 1024, b.length) < 0) {
            throw UploadRefused.malformed("PDF without end of file marker");
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '/') {
                checkName(b, i + 1);
            } else if (b[i] == 's' && Bytes.startsWith(b, i, "stream") && isStreamStart(b, i)) {
                int end = Bytes.indexOf(b, "endstream", i + 6, b.length);
                i = end < 0 ? b.length : end + 8;
            }
        }
    }

    /** {@code stream} as a keyword (not the tail of {@code endstream}) followed by an end of line. */
    private static boolean isStreamStart(byte[] b, int at) {
        boolean keyword = at == 0 || !Character.isLetter(b[at - 1]);
        int next = at + 6;
        return keyword && next < b.length && (b[next] == '\r' || b[next] == '\n');
    }

    private static void checkName(byte[] b, int from) {
        StringBuilder name = new StringBuilder();
        int i = from;
        while (i < b.length && isRegular(b[i]) && name.length() <= MAX_NAME) {
            if (b[i] == '#' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                name.append((char) (hex(b[i + 1]) << 4 | hex(b[i + 2])));
                i += 3;
            } else {
                name.append((char) (b[i] & 0xFF));
                i++;
            }
        }
        if (ACTIVE.contains(name.toString())) {
            throw new UploadRefused(UploadRefused.Reason.ACTIVE_CONTENT, "PDF with scripts or embedded files");
        }
    }

    private static boolean isRegular(byte c) {
        return c > ' ' && "()<>[]{}/%".indexOf(c) < 0 && c != 0x7F;
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }
}
