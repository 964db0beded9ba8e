package org.haven.cases;

import java.util.List;
import java.util.UUID;
import org.haven.platform.Refusal;

/**
 * Refuses to open a case because the person looks like someone already known; the caller shows the
 * matches and may open the case anyway. Matches outside the person's scope are only counted.
 */
public class PossibleDuplicates extends Refusal {

    /** A person who may be the same, with their case when they have one the viewer reaches. */
    public record Match(
            UUID personId,
            String name,
            String nameKhmer,
            String sex,
            Integer age,
            String province,
            UUID caseId,
            String reference,
            double score) {}

    private final transient List<Match> matches;
    private final int hidden;

    PossibleDuplicates(List<Match> matches, int hidden) {
        super(Status.CONFLICT, "case.duplicates.found");
        this.matches = List.copyOf(matches);
        this.hidden = hidden;
        property("matches", this.matches);
        property("hiddenMatches", hidden);
    }

    public List<Match> matches() {
        return matches;
    }

    /** How many more possible matches lie outside the viewer's scope. */
    public int hidden() {
        return hidden;
    }
}
