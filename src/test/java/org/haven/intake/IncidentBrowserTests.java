package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.haven.Browser;
import org.haven.HavenTest;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.IdentityFixtures.Person;
import org.haven.identity.Organizations;
import org.haven.identity.Role;
import org.haven.identity.SignInSteps;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A triage officer at phone width records an incident and a perpetrator whose number is already known,
 * is refused a stale change, hands a report over for a case, and a caseworker opens the child's case
 * from the hand-over; every screen also reads fully in Khmer.
 */
@HavenTest
class IncidentBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Reports reports;

    @Autowired
    Incidents incidents;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anIncidentItsKnownNumbersAndAChildHandedToTheCaseTeam() {
        Organizations organizations = context.getBean(Organizations.class);
        UUID hotline = organizations
                .find(PublicReportTests.INTAKE)
                .orElseGet(() -> organizations.create(PublicReportTests.INTAKE))
                .id();
        IdentityFixtures identity = new IdentityFixtures(context);
        Person officer = identity.person(hotline, Role.TRIAGE_OFFICER);
        UUID team = identity.team(hotline);
        Person caseworker = identity.person(hotline, Role.CASEWORKER, team);
        String number = String.valueOf(3_000_000 + new java.util.Random().nextInt(3_000_000));
        UUID report = transactions.execute(status -> reports.store(
                        hotline,
                        new PublicReport(
                                "A girl of about 13 is kept at the Blue Moon guesthouse",
                                "KH-17",
                                null,
                                "KH",
                                null,
                                null,
                                1,
                                "13",
                                "GIRLS",
                                null,
                                null,
                                null,
                                "092 " + number,
                                null,
                                false),
                        "en",
                        "WEB",
                        null)
                .id());

        try (Browser staff = new Browser(port);
                Browser worker = new Browser(port)) {
            new SignInSteps(staff).signIn(officer);
            staff.open("/incidents/new");
            assertThat(staff.usabilityProblems()).isEmpty();
            staff.type("#establishment", "Blue Moon Guesthouse");
            new Select(staff.find("#province")).selectByValue("KH-17");
            new Select(staff.find("#district")).selectByValue("1710");
            staff.type("#coordinates", "somewhere near the river");
            staff.find("label[for='exploitationTypes-SexualExploitation']").click();
            staff.submit("#incident-form button.primary");
            // Refused with the reason on top, and nothing typed is lost.
            assertThat(staff.text(".error-summary")).contains("latitude, longitude");
            assertThat(staff.find("#establishment").getAttribute("value")).isEqualTo("Blue Moon Guesthouse");
            assertThat(staff.find("#exploitationTypes-SexualExploitation").isSelected())
                    .isTrue();
            staff.find("#coordinates").clear();
            staff.type("#coordinates", "13.3633, 103.8564");
            staff.submit("#incident-form button.primary");
            String incidentPath = staff.path();
            assertThat(incidentPath).matches("/incidents/[0-9a-f-]{36}");
            assertThat(staff.text("#incident-place")).contains("Blue Moon Guesthouse", "13.3633, 103.8564");

            // The perpetrator's number, written the international way, is the one the report gave.
            staff.find("details summary").click();
            staff.type("#p-phones", "+855 92 " + number);
            staff.type("#p-handles", "@bluemoon_" + number);
            staff.submit("#perpetrator-form button");
            assertThat(staff.text(".known")).contains("92" + number);
            assertThat(staff.usabilityProblems()).isEmpty();

            // Two people change the incident: the second, stale, change is refused and changes nothing.
            staff.open(incidentPath + "/edit");
            UUID incidentId = UUID.fromString(incidentPath.substring("/incidents/".length()));
            Incidents.Incident current = incidents.view(identity.actor(hotline, Role.TRIAGE_OFFICER), incidentId);
            incidents.change(
                    identity.actor(hotline, Role.TRIAGE_OFFICER),
                    incidentId,
                    current.version(),
                    new IncidentInput(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "Seen by an outreach worker",
                            null,
                            null));
            staff.type("#summary", "My own summary");
            staff.submit("#incident-form button.primary");
            assertThat(staff.text(".error-summary")).contains("Someone else changed this incident");
            staff.open(incidentPath);
            assertThat(staff.text("#incident-place"))
                    .contains("Seen by an outreach worker")
                    .doesNotContain("My own");

            // The report names the number: triage links it, then hands the child over for a case.
            staff.open("/triage/" + report);
            assertThat(staff.text("#suggestions")).contains("Same phone number");
            staff.submit("#suggestions form button");
            staff.find("label[for='decision-OPEN_CASE']").click();
            staff.submit("#decision-form button");
            assertThat(staff.text(".error-summary")).contains("Write a note for the case team");
            staff.find("label[for='decision-OPEN_CASE']").click();
            staff.type("#caseNote", "Girl about 13 kept at the Blue Moon guesthouse, Siem Reap");
            staff.submit("#decision-form button");
            assertThat(staff.pageText()).contains("Decided: Open a case for a child");

            new SignInSteps(worker).signIn(caseworker);
            worker.open("/");
            assertThat(worker.text("#case-requests-count")).contains("waiting for a case");
            worker.open("/intake/case-requests");
            assertThat(worker.pageText()).doesNotContain("Blue Moon"); // the list shows codes only
            worker.find("#case-requests a.case-link").click();
            assertThat(worker.text("#case-note")).contains("Blue Moon guesthouse");
            assertThat(worker.usabilityProblems()).isEmpty();
            worker.type("#child-name", "Unknown girl " + number);
            new Select(worker.find("#child-sex")).selectByValue("FEMALE");
            worker.type("#child-age", "13");
            worker.submit("#case-request-form button");
            if (worker.has("#anyway")) {
                worker.find("label[for='anyway']").click();
                worker.submit("#case-request-form button");
            }
            assertThat(worker.path()).matches("/cases/[0-9a-f-]{36}");
            staff.open(incidentPath);
            assertThat(staff.find("#cases + p, #cases + ul").getText()).containsPattern("C-\\d{4}-\\d{4}");

            // Every screen reads fully in Khmer.
            new Select(staff.find("#lang")).selectByValue("km");
            staff.submit(".language-switch button");
            for (String page : List.of(
                    "/incidents", "/incidents/new", incidentPath, incidentPath + "/edit", "/triage/" + report)) {
                staff.open(page);
                assertThat(staff.pageText()).as(page).doesNotContain("??").contains("ឧប្បត្តិហេតុ");
                assertThat(staff.usabilityProblems()).as(page).isEmpty();
            }
        }
    }
}
