package org.haven.cases;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.springframework.context.ApplicationContext;

/** Intention-named steps of a case's journey, through the real services. */
final class CaseFixtures {

    final Cases cases;
    final Consents consents;
    final Assessments assessments;
    final CarePlans plans;
    final CaseNotes notes;
    final FollowUps followUps;
    final WorkItems work;
    final Worklists worklists;
    final Alerts alerts;
    final BreakGlass breakGlass;

    CaseFixtures(ApplicationContext context) {
        cases = context.getBean(Cases.class);
        consents = context.getBean(Consents.class);
        assessments = context.getBean(Assessments.class);
        plans = context.getBean(CarePlans.class);
        notes = context.getBean(CaseNotes.class);
        followUps = context.getBean(FollowUps.class);
        work = context.getBean(WorkItems.class);
        worklists = context.getBean(Worklists.class);
        alerts = context.getBean(Alerts.class);
        breakGlass = context.getBean(BreakGlass.class);
    }

    static PersonInput child(String name, String khmer) {
        return new PersonInput(
                name, khmer, List.of(), "FEMALE", null, null, null, "Feminine", 14, "KH", List.of("km"), "KH-12", null);
    }

    /** A case for a new child, opened even if someone similar is known. */
    UUID open(CurrentUser caseworker, String name) {
        return cases.open(caseworker, new NewCase(child(name, null), null, CaseDetails.NONE, true));
    }

    int version(CurrentUser actor, UUID id) {
        return cases.view(actor, id).version();
    }

    void consentToServices(CurrentUser caseworker, UUID id) {
        consents.record(
                caseworker,
                id,
                new Consents.ConsentInput(
                        "SERVICES",
                        null,
                        "GUARDIAN",
                        "Mother",
                        "SIGNED_PAPER",
                        null,
                        LocalDate.now().toString(),
                        null));
    }

    Assessments.Assessment assess(CurrentUser caseworker, UUID id, int safety, int health) {
        Map<String, Integer> ratings = new java.util.LinkedHashMap<>();
        for (Assessments.Domain domain : Assessments.Domain.values()) {
            ratings.put(domain.name(), 1);
        }
        ratings.put("SAFETY", safety);
        ratings.put("HEALTH", health);
        return assessments.record(
                caseworker,
                id,
                new Assessments.AssessmentInput(
                        "INITIAL",
                        LocalDate.now().toString(),
                        ratings,
                        Map.of("HEALTH", "Needs HIV test"),
                        "PENDING",
                        "NEEDED"));
    }

    /** Moves the case through assessment to an approved plan. */
    void approvedPlan(CurrentUser caseworker, CurrentUser supervisor, UUID id) {
        cases.move(caseworker, id, version(caseworker, id), CaseStage.ASSESSMENT, null);
        assess(caseworker, id, 2, 2);
        cases.move(caseworker, id, version(caseworker, id), CaseStage.CARE_PLAN, null);
        UUID goal = plans.addGoal(caseworker, id, new CarePlans.GoalInput("HEALTH", "Treated and healthy"));
        plans.addService(
                caseworker,
                id,
                new CarePlans.ServiceInput(
                        goal,
                        "MEDICAL",
                        "Clinic",
                        null,
                        LocalDate.now().plusDays(14).toString()));
        plans.submit(caseworker, id, version(caseworker, id));
        plans.approve(supervisor, id, version(supervisor, id));
    }

    static Map<Assessments.Domain, Integer> ratings(int all) {
        Map<Assessments.Domain, Integer> ratings = new EnumMap<>(Assessments.Domain.class);
        for (Assessments.Domain domain : Assessments.Domain.values()) {
            ratings.put(domain, all);
        }
        return ratings;
    }
}
