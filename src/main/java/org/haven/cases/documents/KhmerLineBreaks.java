package org.haven.cases.documents;

import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;

/**
 * Where a line may wrap: OpenPDF's usual places (spaces, hyphens, zero-width spaces), plus between Khmer
 * syllables. Khmer is written without spaces between words, so without syllable breaks a long sentence
 * would be cut at an arbitrary character, possibly between a coeng (U+17D2) and the consonant it
 * subscripts, which breaks the cluster's shape. A break is allowed before a Khmer consonant or
 * independent vowel unless a coeng precedes it (a subscript) or a bantoc (U+17CB) follows it (a final
 * consonant). Proper Khmer word breaking needs a dictionary; syllable breaks keep every cluster whole.
 */
final class KhmerLineBreaks implements SplitCharacter {

    static final KhmerLineBreaks INSTANCE = new KhmerLineBreaks();

    private static final char COENG = '\u17D2';
    private static final char BANTOC = '\u17CB';

    private KhmerLineBreaks() {}

    @Override
    public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
        if (DefaultSplitCharacter.DEFAULT.isSplitCharacter(start, current, end, cc, ck)) {
            return true;
        }
        char c = cc[current];
        return current + 1 < end
                && isKhmer(c)
                && c != COENG
                && startsSyllable(cc[current + 1])
                && (current + 2 >= end || cc[current + 2] != BANTOC);
    }

    private static boolean isKhmer(char c) {
        return c >= '\u1780' && c <= '\u17FF';
    }

    /** Consonants U+1780–U+17A2 and independent vowels U+17A3–U+17B3. */
    private static boolean startsSyllable(char c) {
        return c >= '\u1780' && c <= '\u17B3';
    }
}
