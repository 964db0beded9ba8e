package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.cases.Alerts;
import org.haven.cases.Cases;
import org.haven.cases.PersonInput;
import org.haven.cases.PossibleDuplicates;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Organizations;
import org.haven.identity.Role;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incidents: a number or handle seen again is recognised through blind indexes however it is written,
 * incidents are found by number, handle, place and reference, changes are versioned, and triage's
 * decisions (no action, duplicate, a case for the case team) do what they say.
 */
@HavenTest
class IncidentsTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Incidents incidents;

    @Autowired
    Triage triage;

    @Autowired
    Reports reports;

    @Autowired
    CaseRequests caseRequests;

    @Autowired
    Cases cases;

    @Autowired
    Alerts alerts;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    IdentityFixtures identity;
    UUID hotline;
    CurrentUser officer;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        Organizations organizations = context.getBean(Organizations.class);
        hotline = organizations
                .find(PublicReportTests.INTAKE)
                .orElseGet(() -> organizations.create(PublicReportTests.INTAKE))
                .id();
        officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
    }

    /** A report stored as the public form would, naming these phones and handles; its id. */
    UUID report(String what, String phones, String handles) {
        PublicReport report = new PublicReport(
                what,
                "KH-12",
                "1201",
                "KH",
                "Street 51",
                null,
                1,
                "14",
                "GIRLS",
                "Cambodian",
                "A man in a red shirt",
                "Black Lexus",
                phones,
                handles,
                false);
        return transactions.execute(
                status -> reports.store(hotline, report, "km", "WEB", null).id());
    }

    static String unique() {
        return String.valueOf(100_000 + (int) (Math.random() * 800_000));
    }

    @Test
    void aNumberSeenAgainIsRecognisedHoweverItIsWritten() {
        String digits = unique();
        String handle = "guesthouse_" + digits;
        UUID first = report("A man sells girls at a guesthouse", "012 " + digits, "@" + handle);
        Incidents.Incident incident = incidents.openFromReport(officer, first);

        assertThat(incident.reference()).matches("INC-\\d{4}-\\d{4,}");
        assertThat(incident.reports()).extracting(Incidents.LinkedReport::id).containsExactly(first);
        assertThat(incident.perpetrators()).hasSize(1);
        assertThat(incident.perpetrators().get(0).details().vehicles()).isEqualTo("Black Lexus");
        assertThat(incident.fields().province()).isEqualTo("KH-12");
        assertThat(incident.fields().district()).isEqualTo("1201");
        assertThat(incident.fields().exploitationTypes()).isEmpty();

        // The same number written internationally, and the handle as a link, in a later report.
        UUID second = report("Same man again", "+855 12 " + digits.substring(0, 3) + " " + digits.substring(3), "");
        UUID third = report("Saw his account", "", "https://t.me/" + handle.toUpperCase());
        Triage.Detail detail = triage.read(officer, second);
        List<Incidents.Suggestion> suggestions =
                incidents.suggestionsFor(officer, second, detail.content(), "KH-12", "1201");
        assertThat(suggestions)
                .filteredOn(s -> s.id().equals(incident.id()))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.reasons()).contains("PHONE", "AREA");
                    assertThat(s.values()).containsExactly("12" + digits);
                });
        Triage.Detail thirdDetail = triage.read(officer, third);
        assertThat(incidents.suggestionsFor(officer, third, thirdDetail.content(), null, null))
                .extracting(Incidents.Suggestion::id, s -> s.reasons().contains("HANDLE"))
                .contains(org.assertj.core.groups.Tuple.tuple(incident.id(), true));
        assertThat(incidents.reportsSharingNumbers(officer, second))
                .contains(first)
                .doesNotContain(second);

        // A second incident naming the number hears that it is known from the first, and from a report.
        Incidents.Incident other = incidents.open(officer, input("Sunrise karaoke", "KH-17"));
        Incidents.Perpetrator added = incidents.addPerpetrator(
                officer, other.id(), new PerpetratorInput(null, "Big brother", "0" + "12" + digits, null, null, null));
        assertThat(added.knownElsewhere())
                .anySatisfy(k -> {
                    assertThat(k.kind()).isEqualTo("PHONE");
                    assertThat(k.reference()).isEqualTo(incident.reference());
                })
                .anySatisfy(k -> assertThat(k.reportId()).isEqualTo(second));

        // Linking the second report clears it from the "known in an unlinked report" hints of the first.
        incidents.linkReport(officer, incident.id(), second);
        assertThat(incidents.view(officer, incident.id()).perpetrators().get(0).knownElsewhere())
                .noneMatch(k -> second.equals(k.reportId()))
                .anyMatch(k -> other.id().equals(k.incidentId()));
    }

    @Test
    void incidentsAreFoundByNumberHandlePlaceAndReferenceOnly() {
        String digits = unique();
        Incidents.Incident bar = incidents.open(officer, input("Golden Lotus Karaoke " + digits, "KH-17"));
        incidents.addPerpetrator(
                officer, bar.id(), new PerpetratorInput("Thai", null, "097 " + digits, "lotus" + digits, null, null));

        assertThat(incidents.search(officer, "+855 97 " + digits, null))
                .extracting(Incidents.Row::id)
                .containsExactly(bar.id());
        assertThat(incidents.search(officer, "@Lotus" + digits, null))
                .extracting(Incidents.Row::id)
                .containsExactly(bar.id());
        assertThat(incidents.search(officer, "golden lotus karaoke " + digits, null))
                .extracting(Incidents.Row::id)
                .contains(bar.id());
        assertThat(incidents.search(officer, bar.reference().toLowerCase(), null))
                .extracting(Incidents.Row::id)
                .containsExactly(bar.id());
        assertThat(incidents.search(officer, "golden lotus karaoke " + digits, "KH-12"))
                .extracting(Incidents.Row::id)
                .doesNotContain(bar.id());
        assertThat(incidents.search(officer, "099 " + unique() + "9", null)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'RECORD_SEARCHED' AND record_type = ?"
                                + " AND actor_id = ?")
                        .params(Incidents.TABLE, officer.id())
                        .query(Long.class)
                        .single())
                .as("every search is audited")
                .isEqualTo(6);
    }

    @Test
    void changesAreVersionedCheckedAndOnlyForTheOrganization() {
        Incidents.Incident opened = incidents.open(officer, input("Riverside guesthouse", "KH-12"));
        Incidents.Incident changed = incidents.change(
                officer,
                opened.id(),
                opened.version(),
                new IncidentInput(
                        null,
                        null,
                        "11.5564, 104.9282",
                        null,
                        null,
                        null,
                        List.of("SexualExploitation"),
                        LocalDate.of(2026, 1, 5),
                        LocalDate.of(2026, 3, 1),
                        "Girls brought at night",
                        "UNDER_INVESTIGATION",
                        List.of("RESCUE", "INVESTIGATED")));
        assertThat(changed.fields().establishment()).isEqualTo("Riverside guesthouse");
        assertThat(changed.fields().coordinates()).isEqualTo("11.5564, 104.9282");
        assertThat(changed.fields().outcomes()).containsExactly("INVESTIGATED", "RESCUE");
        assertThat(changed.version()).isEqualTo(opened.version() + 1);

        assertThatThrownBy(() -> incidents.change(officer, opened.id(), opened.version(), input("Other", null)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("incident.stale"));
        for (IncidentInput bad : List.of(
                new IncidentInput(
                        null, null, "north of the river", null, null, null, null, null, null, null, null, null),
                new IncidentInput(null, null, null, "KH-12", "0201", null, null, null, null, null, null, null),
                new IncidentInput(
                        null, null, null, null, null, null, List.of("Smuggling"), null, null, null, null, null),
                new IncidentInput(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        LocalDate.of(2026, 5, 1),
                        LocalDate.of(2026, 4, 1),
                        null,
                        null,
                        null),
                new IncidentInput(
                        null, null, null, null, null, null, null, null, null, null, null, List.of("ACQUITTAL")))) {
            assertThatThrownBy(() -> incidents.change(officer, opened.id(), changed.version(), bad))
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.UNPROCESSABLE));
        }
        assertThat(incidents.view(officer, opened.id()).version())
                .as("refused changes change nothing")
                .isEqualTo(changed.version());

        UUID elsewhere = identity.organization("elsewhere");
        CurrentUser stranger = identity.actor(elsewhere, Role.TRIAGE_OFFICER);
        assertThatThrownBy(() -> incidents.view(stranger, opened.id()))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.NOT_FOUND));
        CurrentUser caseworker = identity.actor(hotline, Role.CASEWORKER);
        assertThatThrownBy(() -> incidents.view(caseworker, opened.id()))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.FORBIDDEN));
    }

    @Test
    void aDuplicateClosesAndFollowsTheOriginalsIncidents() {
        String digits = unique();
        UUID original = report("Children at the border crossing", "088 " + digits, null);
        UUID repeat = report("Children at the border crossing again", "088" + digits, null);
        Incidents.Incident incident = incidents.openFromReport(officer, original);

        int version = triage.read(officer, repeat).version();
        assertThatThrownBy(
                        () -> triage.decide(officer, repeat, version, new Triage.Decision("DUPLICATE", repeat, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("triage.duplicate.invalid"));
        triage.decide(officer, repeat, version, new Triage.Decision("DUPLICATE", original, null));

        Triage.Detail closed = triage.read(officer, repeat);
        assertThat(closed.row().status()).isEqualTo("CLOSED");
        assertThat(closed.row().decision()).isEqualTo("DUPLICATE");
        assertThat(incidents.view(officer, incident.id()).reports())
                .extracting(Incidents.LinkedReport::id)
                .containsExactlyInAnyOrder(original, repeat);
        assertThatThrownBy(() -> triage.decide(officer, repeat, version, new Triage.Decision("NO_ACTION", null, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.stale"));
    }

    @Test
    void openCaseHandsTheReportToTheCaseTeamWhoOpenTheChildsCaseLinkedToItsIncident() {
        UUID team = identity.team(hotline);
        CurrentUser supervisor = identity.actor(hotline, Role.SUPERVISOR, team);
        CurrentUser caseworker = identity.actor(hotline, Role.CASEWORKER, team);
        UUID report = report("A 14-year-old girl called Srey Leak works at the karaoke", "016 " + unique(), null);
        Incidents.Incident incident = incidents.openFromReport(officer, report);
        int version = triage.read(officer, report).version();

        assertThatThrownBy(() -> triage.decide(officer, report, version, new Triage.Decision("OPEN_CASE", null, " ")))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("triage.caseNote.required"));
        triage.decide(
                officer,
                report,
                version,
                new Triage.Decision(
                        "OPEN_CASE", null, "Girl of about 14 at the karaoke on Street 51, called Srey Leak"));

        assertThat(alerts.unread(supervisor)).extracting(Alerts.Alert::kind).contains("REPORT_FOR_CASE");
        assertThatThrownBy(() -> caseRequests.waiting(officer))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.FORBIDDEN));
        assertThat(caseRequests.waiting(caseworker))
                .extracting(CaseRequests.Waiting::id)
                .contains(report);
        CaseRequests.Request request = caseRequests.read(caseworker, report);
        assertThat(request.note()).contains("Srey Leak");
        assertThat(request.incidents()).containsExactly(incident.reference());

        PersonInput child = new PersonInput(
                "Srey Leak " + unique(),
                null,
                List.of(),
                "FEMALE",
                null,
                null,
                null,
                null,
                14,
                null,
                null,
                "KH-12",
                null);
        UUID caseId;
        try {
            caseId = caseRequests.openCase(caseworker, report, child, false);
        } catch (PossibleDuplicates likely) {
            caseId = caseRequests.openCase(caseworker, report, child, true);
        }
        assertThat(cases.view(caseworker, caseId).exploitationProvince()).isEqualTo("KH-12");
        assertThat(caseRequests.waiting(caseworker))
                .extracting(CaseRequests.Waiting::id)
                .doesNotContain(report);
        UUID opened = caseId;
        assertThat(incidents.view(officer, incident.id()).cases())
                .extracting(Incidents.LinkedCase::id)
                .containsExactly(opened);
        assertThatThrownBy(() -> caseRequests.openCase(caseworker, report, child, true))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("caseRequest.already"));
    }

    static IncidentInput input(String establishment, String province) {
        return new IncidentInput(
                establishment,
                null,
                null,
                province,
                null,
                "KH",
                List.of("SexualExploitation"),
                null,
                null,
                null,
                "OPEN",
                List.of());
    }
}
