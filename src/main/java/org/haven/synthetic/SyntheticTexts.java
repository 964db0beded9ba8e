package org.haven.synthetic;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.haven.cases.Assessments;
import org.haven.cases.BulkCases;

/** Short, fictional case texts assembled from phrases, in English (as staff often write them). */
final class SyntheticTexts {

    private static final List<String> ORIGINS = List.of(
            "Came to the shelter after a police raid on a karaoke bar.",
            "Referred by a commune council after neighbours raised concerns.",
            "Found at the border crossing by an outreach team.",
            "Reported by a teacher who noticed long absences.",
            "Called the hotline from a borrowed phone.",
            "Returned from a fishing boat after a labour inspection.");
    private static final List<String> CIRCUMSTANCES = List.of(
            "Was promised restaurant work in the city.",
            "A relative arranged the travel and took the wages.",
            "Was told a debt had to be repaid before leaving.",
            "Was kept without documents and not allowed outside.",
            "Met the recruiter online through a job advertisement.",
            "Worked long hours selling flowers at night.");
    private static final List<String> NOTES = List.of(
            "Met at the shelter; calm and talkative today.",
            "Home visit: the family is willing to receive the child back.",
            "Phone call with the mother about school enrolment.",
            "Accompanied to the provincial court for a hearing.",
            "Medical check-up done; follow-up appointment in two weeks.",
            "Discussed vocational training options; interested in tailoring.",
            "Sleeping better; attends counselling sessions regularly.",
            "Social worker visited the village to assess safety.");
    private static final List<String> KINDS = List.of("CONTACT", "HOME_VISIT", "PHONE_CALL", "COURT", "MEDICAL");
    private static final List<String> FOLLOW_UPS = List.of(
            "Reached at home; attending school and feels safe.",
            "Reached by phone; working with an aunt at the market.",
            "Visited; family reports no contact from the recruiter.",
            "Reached; some money worries, referred to a savings group.");
    private static final List<String> CLOSURES = List.of(
            "Reintegration goals met and two years of follow-up completed.",
            "Living safely with family; no further support needed.",
            "Completed training and now employed; agreed to close.");

    private SyntheticTexts() {}

    static String narrative(SplittableRandom random) {
        return SyntheticNames.pick(random, ORIGINS) + " " + SyntheticNames.pick(random, CIRCUMSTANCES);
    }

    static String summary(SplittableRandom random) {
        return SyntheticNames.pick(random, CIRCUMSTANCES) + " " + SyntheticNames.pick(random, ORIGINS);
    }

    static List<String> exploitation(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 55) {
            return List.of("SexualExploitation");
        }
        if (roll < 85) {
            return List.of("ForcedLabour");
        }
        return roll < 95 ? List.of("ChildLabour") : List.of("ForcedMarriage");
    }

    static BulkCases.Note note(SplittableRandom random, LocalDate on) {
        return new BulkCases.Note(SyntheticNames.pick(random, KINDS), on, SyntheticNames.pick(random, NOTES));
    }

    static String followUpNote(SplittableRandom random) {
        return SyntheticNames.pick(random, FOLLOW_UPS);
    }

    static String closure(SplittableRandom random) {
        return SyntheticNames.pick(random, CLOSURES);
    }

    static BulkCases.Assessment assessment(SplittableRandom random, String kind, LocalDate on) {
        Map<String, Integer> ratings = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (Assessments.Domain domain : Assessments.Domain.values()) {
            int rating = random.nextInt(100) < 60 ? random.nextInt(2) : 1 + random.nextInt(3);
            ratings.put(domain.name(), rating);
            if (rating >= 2) {
                notes.put(domain.name(), "Needs support (" + domain.name().toLowerCase(java.util.Locale.ROOT) + ").");
            }
        }
        return new BulkCases.Assessment(kind, on, ratings, notes, random.nextBoolean() ? "NEGATIVE" : "NOT_DONE");
    }
}
