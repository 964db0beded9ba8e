package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haven.Browser;
import org.haven.HavenTest;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.IdentityFixtures.Person;
import org.haven.identity.Role;
import org.haven.identity.SignInSteps;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The whole journey in a real browser on a phone-sized screen: a caseworker and a supervisor, each in
 * their own browser, take a child from registration (with a duplicate warning) to closure.
 */
@HavenTest
class CaseJourneyBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aChildsWholeJourneyFromRegistrationToApprovedClosure() {
        IdentityFixtures identity = new IdentityFixtures(context);
        CaseFixtures steps = new CaseFixtures(context);
        UUID organization = identity.organization("Journey UI");
        UUID team = identity.team(organization);
        Person caseworker = identity.person(organization, Role.CASEWORKER, team);
        Person supervisor = identity.person(organization, Role.SUPERVISOR, team);
        steps.open(identity.signedIn(caseworker), "Sreymom Chan");

        try (Browser worker = new Browser(port);
                Browser boss = new Browser(port)) {
            new SignInSteps(worker).signIn(caseworker);
            new SignInSteps(boss).signIn(supervisor);
            assertThat(worker.pageText()).contains("What to do today");

            // Register: the same child typed another way is recognized first.
            worker.open("/cases/new");
            worker.type("#name", "Srey Mom Chan");
            worker.type("#nameKhmer", "ស្រីមុំ ចាន់");
            new Select(worker.find("#sex")).selectByValue("FEMALE");
            worker.type("#estimatedAge", "14");
            worker.find("label[for='exploitationTypes-SexualExploitation']").click();
            worker.submit("form button.primary");
            assertThat(worker.text("#duplicates")).contains("Sreymom Chan");
            assertThat(worker.find("#name").getAttribute("value")).isEqualTo("Srey Mom Chan");
            assertThat(worker.find("#exploitationTypes-SexualExploitation").isSelected())
                    .isTrue();
            assertThat(worker.usabilityProblems()).isEmpty();
            worker.find("label[for='createAnyway']").click();
            worker.submit("form button.primary");
            assertThat(worker.path()).startsWith("/cases/");
            String casePath = worker.path().replaceFirst("\\?.*", "");
            assertThat(worker.text("#case-stage")).isEqualTo("Identified");
            assertThat(worker.usabilityProblems()).isEmpty();

            // Consent, then assessment.
            worker.submit("#consent-form button.primary");
            assertThat(worker.text("#consent-list")).contains("In force");
            move(worker, "ASSESSMENT");
            for (String domain : new String[] {
                "SAFETY",
                "HEALTH",
                "SEXUAL_HEALTH",
                "SUBSTANCE_USE",
                "MENTAL_HEALTH",
                "FAMILY",
                "EDUCATION",
                "LEGAL",
                "LIVELIHOOD"
            }) {
                String rating = domain.equals("SAFETY") || domain.equals("HEALTH") ? "2" : "1";
                worker.find("label[for='rating-" + domain + "-" + rating + "']").click();
            }
            worker.submit("#assessment-form button.primary");
            assertThat(worker.text("#case-risk")).contains("High");
            assertThat(worker.text("#assessment-table")).contains("Physical health");

            // Care plan, approved by the supervisor.
            move(worker, "CARE_PLAN");
            openDetails(worker, "#goal-form");
            new Select(worker.find("#need")).selectByValue("HEALTH");
            worker.type("#description", "Treated and healthy");
            worker.submit("#goal-form button.primary");
            openDetails(worker, "#service-form");
            new Select(worker.find("#type")).selectByValue("MEDICAL");
            worker.type("#provider", "Clinic in Phnom Penh");
            worker.submit("#service-form button.primary");
            worker.submit("#submit-plan");
            assertThat(worker.text("#plan-status")).isEqualTo("Waiting for approval");

            boss.open("/work/team");
            assertThat(boss.text("#plans-waiting")).contains("Srey Mom Chan");
            boss.open(casePath);
            boss.submit("#approve-plan");
            assertThat(boss.text("#plan-status")).isEqualTo("Approved");

            // Services, reintegration, follow-up.
            worker.open(casePath);
            move(worker, "SERVICES");
            move(worker, "REINTEGRATION");
            move(worker, "FOLLOW_UP");
            assertThat(worker.text("#follow-up-list")).contains("1 month(s) after going home");
            openDetails(worker, "#follow-up-form");
            new Select(worker.find("#exploitation")).selectByValue("RE_EXPLOITED");
            worker.type("#followUpNotes", "Seen again at the same bar");
            worker.submit("#follow-up-form button.primary");
            assertThat(worker.text("#case-stage")).isEqualTo("Assessment");
            assertThat(worker.text("#case-risk")).contains("Critical");

            boss.open("/");
            assertThat(boss.text("#alerts")).contains("A case was reopened and needs attention.");
            assertThat(boss.text("#alerts")).doesNotContain("bar");

            // Two people edit at once: the later save is refused, keeps what was typed and saves on confirmation.
            worker.open(casePath + "/edit");
            boss.open(casePath + "/edit");
            boss.type("#statusDecidedBy", "Phnom Penh Municipal Court");
            boss.submit("form button.primary");
            worker.type("#summary", "Seen at the bar again by outreach");
            worker.driver().executeScript("document.getElementById('exploitationFrom').value = '2025-01-15';");
            worker.submit("form button.primary");
            assertThat(worker.text(".error-summary")).contains("Someone else changed this case");
            assertThat(worker.find("#summary").getAttribute("value")).isEqualTo("Seen at the bar again by outreach");
            assertThat(worker.find("#statusDecidedBy").getAttribute("value")).isEqualTo("Phnom Penh Municipal Court");
            worker.submit("form button.primary");
            assertThat(worker.text(".notice.success")).contains("The case was saved.");
            worker.open(casePath + "/edit");
            assertThat(worker.find("#statusDecidedBy").getAttribute("value")).isEqualTo("Phnom Penh Municipal Court");
            assertThat(worker.find("#exploitationFrom").getAttribute("value")).isEqualTo("2025-01-15");

            // Closure, approved by the supervisor.
            worker.open(casePath);
            worker.type("#closureReason", "Moved abroad with family; handed to partner");
            worker.submit("#closure-form button");
            assertThat(worker.text("#closure-waiting")).contains("Moved abroad");
            boss.open(casePath);
            boss.submit("#approve-closure");
            assertThat(boss.text("#case-stage")).isEqualTo("Closed");
            assertThat(boss.text("#timeline-list")).contains("Case reopened", "Case closed", "Care plan approved");
            assertThat(boss.usabilityProblems()).isEmpty();

            // Every screen of the journey reads fully in Khmer too, with no message missing.
            new Select(boss.find("#lang")).selectByValue("km");
            boss.submit(".language-switch button");
            for (String page : new String[] {
                casePath, casePath + "/edit", "/cases", "/cases/new", "/work", "/work/team", "/break-glass", "/"
            }) {
                boss.open(page);
                assertThat(boss.pageText()).as(page).doesNotContain("??").contains("ករណី");
                assertThat(boss.usabilityProblems()).as(page).isEmpty();
            }
            worker.open("/work");
            assertThat(worker.pageText()).doesNotContain("??");
        }
    }

    private static void move(Browser browser, String stage) {
        new Select(browser.find("#stage")).selectByValue(stage);
        browser.submit("#stage-form button.primary");
        assertThat(browser.has(".error-summary")).as(browser.pageText()).isFalse();
    }

    /** Opens the collapsed section holding this form, as a person would by touching its summary. */
    private static void openDetails(Browser browser, String form) {
        browser.driver().executeScript("document.querySelector(arguments[0]).closest('details').open = true;", form);
    }
}
