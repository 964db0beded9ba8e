package org.haven.cases.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Plain text and markup detection: strict UTF-8, no control characters, nothing a browser would render. */
final class Text {

    /** How far browsers look when sniffing (the MIME Sniffing Standard's resource header). */
    static final int SNIFF_WINDOW = 1445;

    private static final List<String> MARKUP =
            List.of("<script", "<html", "<svg", "<!doctype", "<iframe", "<body", "<head", "<object", "<embed", "<?xml");

    private Text() {}

    /** The decoded text, or null when the bytes are not UTF-8 text. */
    static String decode(byte[] b) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        boolean controls = text.chars().anyMatch(c -> (c < 0x20 && "\t\n\r\f".indexOf(c) < 0) || c == 0x7F);
        return controls ? null : text;
    }

    /** Whether the text is or contains markup: starts with {@code <} or has a tag that can run script. */
    static boolean isMarkup(String text) {
        String lower = text.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("<") || MARKUP.stream().anyMatch(lower::contains);
    }

    /** Whether a binary file's first bytes carry markup that a sniffing browser could render. */
    static boolean hasMarkupAtStart(byte[] b) {
        String start = new String(b, 0, Math.min(b.length, SNIFF_WINDOW), StandardCharsets.ISO_8859_1);
        String lower = start.toLowerCase(Locale.ROOT);
        return MARKUP.stream().filter(tag -> !tag.equals("<?xml")).anyMatch(lower::contains);
    }
}
