package org.haven.vault;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Turns a name or short text into the plaintext tokens behind a blind index (they are HMAC'd before
 * they go anywhere): the whole value folded and run together, each word, how it sounds, and its
 * trigrams. See docs/decisions.md, "Blind indexes".
 *
 * <ul>
 *   <li>Folding: Unicode NFKD, Latin diacritics dropped ("Nguyễn" = "nguyen", "Đặng" = "dang"), lower
 *       case, anything that is not a letter or digit becomes a word break. Khmer vowel signs and
 *       diacritics are kept: they are part of the spelling, not decoration.
 *   <li>Sound, Latin script: Double Metaphone (primary and alternate codes) of the run-together value
 *       and of each word, so "Sreymom", "Srey Mom" and "Sreymum" meet.
 *   <li>Sound, Khmer script: a consonant skeleton. Vowels, the coeng sign, registers and other signs
 *       are dropped; consonants that differ only in series or aspiration share one letter (ក ខ គ ឃ →
 *       K, ដ ឋ ឌ ឍ ត ថ ទ ធ → T, …), the final nasal sign (nikahit) counts as M. The letters follow
 *       Double Metaphone's where a romanization is common, so ស្រីមុំ gives SRMM like "Sreymom".
 *   <li>Trigrams of the run-together value with start and end marks, for typos.
 * </ul>
 */
final class SearchableText {

    enum Kind {
        WHOLE(8),
        WORD(4),
        SOUND(3),
        GRAM(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    record Token(Kind kind, String text) {}

    private static final int MAX_INPUT = 500;
    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
        DoubleMetaphone metaphone = new DoubleMetaphone();
        metaphone.setMaxCodeLen(10);
        return metaphone;
    });

    private SearchableText() {}

    /** The distinct tokens of a value, strongest kinds first. */
    static List<Token> tokens(String value) {
        String folded = fold(value);
        if (folded.isEmpty()) {
            return List.of();
        }
        Map<Token, Boolean> tokens = new LinkedHashMap<>();
        String whole = folded.replace(" ", "");
        tokens.put(new Token(Kind.WHOLE, whole), true);
        String[] words = folded.split(" ");
        if (words.length > 1) {
            for (String word : words) {
                tokens.put(new Token(Kind.WORD, word), true);
            }
        }
        sounds(whole).forEach(code -> tokens.put(new Token(Kind.SOUND, code), true));
        if (words.length > 1) {
            for (String word : words) {
                sounds(word).forEach(code -> tokens.put(new Token(Kind.SOUND, code), true));
            }
        }
        trigrams(whole).forEach(gram -> tokens.put(new Token(Kind.GRAM, gram), true));
        return List.copyOf(tokens.keySet());
    }

    /**
     * How well a typed value matches a stored one, in [0, 1]: the best of comparing it with the whole
     * stored value and with each run of its words ("Sreymum" matches the "Sreymom" of "Sreymom Chan").
     * Each comparison is trigram overlap (Dice), raised to 0.8 when the two sound alike.
     */
    static double similarity(String typed, String stored) {
        return new Probe(typed).similarity(stored);
    }

    /**
     * A typed value folded, cut into trigrams and (when needed) sounded out once, to compare with many
     * stored values, as a search does with its candidates.
     */
    static final class Probe {

        private final String query;
        private final Map<String, Integer> grams;
        private final int gramCount;
        private List<String> sounds;

        Probe(String typed) {
            query = fold(typed).replace(" ", "");
            List<String> all = trigrams(query);
            grams = counts(all);
            gramCount = all.size();
        }

        /** How well {@code stored} matches the typed value, as {@link SearchableText#similarity} says. */
        double similarity(String stored) {
            String[] words = fold(stored).split(" ");
            if (query.isEmpty() || words[0].isEmpty()) {
                return 0;
            }
            double best = 0;
            for (int from = 0; from < words.length && best < 1; from++) {
                StringBuilder run = new StringBuilder();
                for (int to = from; to < words.length; to++) {
                    run.append(words[to]);
                    best = Math.max(best, compare(run.toString()));
                }
            }
            return best;
        }

        /** Trigram overlap (Dice, counting repeated trigrams), raised to 0.8 when the two sound alike. */
        private double compare(String other) {
            if (query.equals(other)) {
                return 1;
            }
            List<String> theirs = trigrams(other);
            Map<String, Integer> counted = counts(theirs);
            int common = 0;
            for (Map.Entry<String, Integer> gram : grams.entrySet()) {
                common += Math.min(gram.getValue(), counted.getOrDefault(gram.getKey(), 0));
            }
            double dice = 2.0 * common / (gramCount + theirs.size());
            if (dice >= 0.8) {
                return dice; // sounding alike could not raise it
            }
            if (sounds == null) {
                sounds = sounds(query);
            }
            List<String> otherSounds = sounds.isEmpty() ? List.of() : sounds(other);
            return sounds.stream().anyMatch(otherSounds::contains) ? 0.8 : dice;
        }

        private static Map<String, Integer> counts(List<String> grams) {
            Map<String, Integer> counts = new java.util.HashMap<>(grams.size() * 2);
            for (String gram : grams) {
                counts.merge(gram, 1, Integer::sum);
            }
            return counts;
        }
    }

    static String fold(String value) {
        if (value == null) {
            return "";
        }
        String input = value.length() > MAX_INPUT ? value.substring(0, MAX_INPUT) : value;
        String decomposed = Normalizer.normalize(input, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingBreak = false;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (isKhmer(c)) {
                if (c >= 0x17E0 && c <= 0x17E9) {
                    c = '0' + (c - 0x17E0);
                }
            } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            } else if (Character.isLetterOrDigit(c)) {
                c = Character.toLowerCase(latinLookalike(c));
            } else {
                pendingBreak = out.length() > 0;
                continue;
            }
            if (pendingBreak) {
                out.append(' ');
                pendingBreak = false;
            }
            out.appendCodePoint(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static List<String> sounds(String word) {
        if (word.isEmpty()) {
            return List.of();
        }
        if (isKhmer(word.codePointAt(0))) {
            String skeleton = khmerSkeleton(word);
            return skeleton.isEmpty() ? List.of() : List.of(skeleton);
        }
        if (!Character.isLetter(word.codePointAt(0)) || word.codePointAt(0) > 0x24F) {
            return List.of();
        }
        DoubleMetaphone metaphone = METAPHONE.get();
        String primary = metaphone.doubleMetaphone(word);
        String alternate = metaphone.doubleMetaphone(word, true);
        if (primary == null || primary.isEmpty()) {
            return List.of();
        }
        return alternate == null || alternate.isEmpty() || alternate.equals(primary)
                ? List.of(primary)
                : List.of(primary, alternate);
    }

    static String khmerSkeleton(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            String letter = khmerConsonant(word.charAt(i));
            if (letter != null) {
                out.append(letter);
            }
        }
        return out.toString();
    }

    private static String khmerConsonant(char c) {
        return switch (c) {
            case 'ក', 'ខ', 'គ', 'ឃ' -> "K";
            case 'ង' -> "NK";
            case 'ច', 'ឆ', 'ជ', 'ឈ' -> "X";
            case 'ញ', 'ណ', 'ន' -> "N";
            case 'ដ', 'ឋ', 'ឌ', 'ឍ', 'ត', 'ថ', 'ទ', 'ធ' -> "T";
            case 'ប', 'ផ', 'ព', 'ភ' -> "P";
            case 'ម', 'ំ' -> "M";
            case 'រ' -> "R";
            case 'ល', 'ឡ' -> "L";
            case 'វ' -> "F";
            case 'ស', 'ឝ', 'ឞ' -> "S";
            case 'ហ' -> "H";
            default -> null; // អ and យ carry vowels; vowels, coeng and other signs are dropped
        };
    }

    private static List<String> trigrams(String whole) {
        String marked = "^" + whole + "$";
        List<String> grams = new ArrayList<>(marked.length());
        int[] points = marked.codePoints().toArray();
        for (int i = 0; i + 3 <= points.length; i++) {
            grams.add(new String(points, i, 3));
        }
        return grams;
    }

    private static boolean isKhmer(int c) {
        return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF);
    }

    private static int latinLookalike(int c) {
        return switch (c) {
            case 'đ', 'Đ' -> 'd';
            case 'ø', 'Ø' -> 'o';
            case 'ł', 'Ł' -> 'l';
            case 'ı' -> 'i';
            default -> c;
        };
    }
}
