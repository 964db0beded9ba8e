package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A stale edit keeps the person's own changes, takes the others', and names the fields both changed. */
class StaleEditsTests {

    static CaseForms.Edit edit(int version, String name, String decidedBy, String summary, List<String> means) {
        return new CaseForms.Edit(
                version,
                name,
                null,
                "",
                "FEMALE",
                null,
                null,
                null,
                null,
                null,
                "Possible",
                decidedBy,
                List.of(),
                List.of(),
                means,
                null,
                null,
                null,
                null,
                null,
                null,
                summary);
    }

    @Test
    void untouchedFieldsTakeWhatWasSavedAndChangedOnesKeepWhatWasTyped() {
        CaseForms.Edit base = edit(3, "Dara", null, "First", List.of("Threats"));
        CaseForms.Edit typed = edit(3, "Dara", "", "Mine", List.of("Threats"));
        CaseForms.Edit saved = edit(4, "Dara", "Court", "First", List.of("Threats", "DebtBondage"));

        StaleEdits.Merged merged = StaleEdits.merge(typed, StaleEdits.read(StaleEdits.base(base)), saved);

        assertThat(merged.form().version()).isEqualTo(4);
        assertThat(merged.form().statusDecidedBy()).isEqualTo("Court");
        assertThat(merged.form().meansOfControl()).containsExactly("Threats", "DebtBondage");
        assertThat(merged.form().summary()).isEqualTo("Mine");
        assertThat(merged.conflicts()).isEmpty();
    }

    @Test
    void aFieldBothChangedIsNamedWithTheValueSavedNow() {
        CaseForms.Edit base = edit(1, "Dara", null, "First", List.of());
        CaseForms.Edit typed = edit(1, "Dara", null, "Mine", List.of());
        CaseForms.Edit saved = edit(2, "Dara", null, "Theirs", List.of());

        StaleEdits.Merged merged = StaleEdits.merge(typed, base, saved);

        assertThat(merged.form().summary()).isEqualTo("Mine");
        assertThat(merged.conflicts()).containsExactly(new StaleEdits.Conflict("summary", "Theirs"));
    }

    @Test
    void aDamagedBaseIsIgnoredAndEverythingTypedIsKept() {
        assertThat(StaleEdits.read("not base64 at all!")).isNull();
        CaseForms.Edit typed = edit(1, "Dara", "Me", "Mine", List.of());
        CaseForms.Edit saved = edit(2, "Dara", "Court", "Theirs", List.of());

        StaleEdits.Merged merged = StaleEdits.merge(typed, null, saved);

        assertThat(merged.form().statusDecidedBy()).isEqualTo("Me");
        assertThat(merged.form().summary()).isEqualTo("Mine");
    }
}
