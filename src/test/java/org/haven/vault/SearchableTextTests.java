package org.haven.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.haven.vault.SearchableText.Kind;
import org.haven.vault.SearchableText.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchableTextTests {

    @ParameterizedTest
    @CsvSource({
        "Nguyễn Thị Ánh, nguyen thi anh",
        "ĐẶNG Văn Đức, dang van duc",
        "  Srey-Mom  , srey mom",
        "O'Neil, o neil",
        "Zoë Ølsen, zoe olsen"
    })
    void foldingDropsLatinDiacriticsCaseAndPunctuation(String typed, String folded) {
        assertThat(SearchableText.fold(typed)).isEqualTo(folded);
    }

    @Test
    void foldingKeepsKhmerSignsAndReadsKhmerDigits() {
        assertThat(SearchableText.fold("ស្រីមុំ")).isEqualTo("ស្រីមុំ");
        assertThat(SearchableText.fold("០១២")).isEqualTo("012");
        assertThat(SearchableText.fold("ស្រី\u200Bមុំ"))
                .as("zero-width space breaks words")
                .isEqualTo("ស្រី មុំ");
    }

    @Test
    void runTogetherAndSpacedSpellingsShareTheWholeToken() {
        assertThat(whole("Sreymom")).isEqualTo(whole("Srey Mom")).isEqualTo(whole("SREY-MOM"));
    }

    @Test
    void misspellingsThatSoundAlikeShareASoundToken() {
        assertThat(sounds("Sreymom")).containsAnyElementsOf(sounds("Sreymum"));
        assertThat(sounds("Phalla")).containsAnyElementsOf(sounds("Falla"));
        assertThat(sounds("Kosal")).containsAnyElementsOf(sounds("Kossal"));
        assertThat(sounds("Chanthou")).containsAnyElementsOf(sounds("Chantou"));
        assertThat(sounds("Sreymom")).doesNotContainAnyElementsOf(sounds("Bopha"));
    }

    @Test
    void khmerSpellingVariantsShareTheConsonantSkeleton() {
        // ស្រីមុំ and ស្រីមំុ (vowel and nikahit typed in the other order), ស្រីមុម (final m spelled out).
        assertThat(SearchableText.khmerSkeleton("ស្រីមុំ")).isEqualTo("SRMM");
        assertThat(SearchableText.khmerSkeleton("ស្រីមំុ")).isEqualTo("SRMM");
        assertThat(SearchableText.khmerSkeleton("ស្រីមុម")).isEqualTo("SRMM");
        // Consonants of the two series that sound alike meet: ដារ៉ា / តារា.
        assertThat(SearchableText.khmerSkeleton("ដារ៉ា")).isEqualTo(SearchableText.khmerSkeleton("តារា"));
        assertThat(sounds("ស្រីមុំ"))
                .as("the skeleton uses Double Metaphone's letters")
                .containsAnyElementsOf(sounds("Sreymom"));
    }

    @Test
    void trigramsCatchTyposAndSimilarityRanksThem() {
        assertThat(SearchableText.similarity("Sreymom", "Sreymom")).isEqualTo(1.0);
        assertThat(SearchableText.similarity("Srey Mom", "Sreymom")).isEqualTo(1.0);
        assertThat(SearchableText.similarity("Sreymum", "Sreymom")).isGreaterThanOrEqualTo(0.8);
        assertThat(SearchableText.similarity("Sreymon", "Sreymom"))
                .isGreaterThan(SearchableText.similarity("Bopha", "Sreymom"));
        assertThat(SearchableText.similarity("Bopha", "Sreymom")).isLessThan(0.3);
    }

    @Test
    void aPreparedProbeScoresManyStoredValuesAlike() {
        SearchableText.Probe probe = new SearchableText.Probe("Srey Mum");
        assertThat(probe.similarity("Srey-Mum")).isEqualTo(1.0);
        assertThat(probe.similarity("Chan Sreymom"))
                .as("a run of the stored words")
                .isGreaterThanOrEqualTo(0.8);
        assertThat(probe.similarity("Bopha")).isLessThan(0.3);
        assertThat(probe.similarity("")).isZero();
        // What the probe keeps between values (the typed value's sounds, worked out when first needed) does
        // not change the answers: reused in one order, fresh in the other.
        List<String> stored = List.of("Sreymom Chan", "Chan Sreymom", "Bopha", "Sopheap", "ស្រីមុំ", "", "Srey-Mum");
        List<Double> reused = stored.stream().map(probe::similarity).toList();
        for (int i = stored.size() - 1; i >= 0; i--) {
            assertThat(new SearchableText.Probe("Srey Mum").similarity(stored.get(i)))
                    .as(stored.get(i))
                    .isEqualTo(reused.get(i));
        }
        // Repeated trigrams count as often as both sides have them: ^na nan ana na$ against
        // ^na nan ana nan ana na$ share 4 of 4 + 6, Dice 0.8.
        assertThat(new SearchableText.Probe("nana").similarity("nanana")).isEqualTo(0.8);
        assertThat(new SearchableText.Probe("xyzq").similarity("nanana")).isZero();
    }

    @Test
    void emptyAndHugeInputsAreSafe() {
        assertThat(SearchableText.tokens("  -- ")).isEmpty();
        assertThat(SearchableText.tokens(null)).isEmpty();
        assertThat(SearchableText.tokens("a".repeat(100_000)).size()).isLessThan(600);
    }

    private static String whole(String value) {
        return SearchableText.tokens(value).stream()
                .filter(t -> t.kind() == Kind.WHOLE)
                .map(Token::text)
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> sounds(String value) {
        List<Token> tokens = SearchableText.tokens(value);
        return tokens.stream()
                .filter(t -> t.kind() == Kind.SOUND)
                .map(Token::text)
                .collect(Collectors.toSet());
    }
}
