package org.haven.cases.files;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Safe download names: the last path part of the claimed name, reduced to letters and combining marks of
 * any script (Khmer included), digits, space, dot, dash and underscore, cut at a whole character, and
 * ending in the detected type's extension; {@code attachment.<ext>} when nothing usable is left.
 */
final class FileNames {

    static final int MAX_CHARS = 100;
    /** Also bounded in UTF-8 bytes, as file systems count: 100 Khmer characters would take 300. */
    static final int MAX_UTF8_BYTES = 200;

    private static final String FALLBACK = "attachment";
    private static final Pattern WINDOWS_DEVICE =
            Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?", Pattern.CASE_INSENSITIVE);

    private FileNames() {}

    static String safe(String claimed, FileType type) {
        String extension = "." + type.extension();
        String name = claimed == null ? "" : Normalizer.normalize(claimed, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String base = trim(keepAllowed(dot >= 0 ? name.substring(0, dot) : name));
        base = trim(cut(base, MAX_CHARS - extension.length(), MAX_UTF8_BYTES - extension.length()));
        if (base.isEmpty() || WINDOWS_DEVICE.matcher(base).matches()) {
            base = FALLBACK;
        }
        return base + extension;
    }

    private static String keepAllowed(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || isMark(c) || c == '.' || c == '-' || c == '_') {
                kept.appendCodePoint(c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                kept.append(' ');
            }
        });
        return kept.toString().replaceAll(" {2,}", " ");
    }

    private static boolean isMark(int c) {
        int category = Character.getType(c);
        return category == Character.NON_SPACING_MARK || category == Character.COMBINING_SPACING_MARK;
    }

    /** No leading dot (hidden file) or dash (read as an option), no trailing dot or space (Windows). */
    private static String trim(String name) {
        return name.replaceAll("^[ .\\-]+", "").replaceAll("[ .]+$", "");
    }

    /** The longest prefix of whole user-perceived characters within both limits. */
    private static String cut(String name, int maxChars, int maxBytes) {
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(name);
        int end = 0;
        int bytes = 0;
        for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
            bytes += name.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
            if (next > maxChars || bytes > maxBytes) {
                break;
            }
            end = next;
        }
        return name.substring(0, end);
    }
}
