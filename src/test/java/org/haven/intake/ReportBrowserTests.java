package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A person with JavaScript off reports in Khmer on a phone, gets a code, reads a staff question with
 * it and answers; triage sees the answer and passes the report on; the person's status page says so.
 */
@HavenTest
class ReportBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aReportInKhmerWithoutJavaScriptAndItsConversation() throws Exception {
        Organizations organizations = context.getBean(Organizations.class);
        UUID hotline = organizations
                .find(PublicReportTests.INTAKE)
                .orElseGet(() -> organizations.create(PublicReportTests.INTAKE))
                .id();
        Person officer = new IdentityFixtures(context).person(hotline, Role.TRIAGE_OFFICER);
        // An incident triage already knows, with the offender's number written the international way.
        String number = String.valueOf(7_000_000 + new java.util.Random().nextInt(2_000_000));
        IdentityFixtures identity = new IdentityFixtures(context);
        Incidents incidents = context.getBean(Incidents.class);
        org.haven.identity.CurrentUser colleague = identity.actor(hotline, Role.TRIAGE_OFFICER);
        Incidents.Incident known = incidents.open(
                colleague,
                new IncidentInput(
                        "Golden Lotus Karaoke",
                        null,
                        null,
                        "KH-12",
                        "1201",
                        "KH",
                        java.util.List.of("SexualExploitation"),
                        null,
                        null,
                        null,
                        "UNDER_INVESTIGATION",
                        java.util.List.of()));
        incidents.addPerpetrator(
                colleague, known.id(), new PerpetratorInput(null, null, "+855 12 " + number, null, null, null));
        // A partner shelter inside Haven, registered by one officer and vetted by another.
        org.haven.intake.routing.Partners partners = context.getBean(org.haven.intake.routing.Partners.class);
        UUID shelter = identity.organization("Acceptance shelter");
        Person shelterStaff = identity.person(shelter, Role.PARTNER_STAFF);
        String partnerName = "Safe Haven shelter " + number;
        UUID partner = partners.register(
                colleague,
                new org.haven.intake.routing.Partners.PartnerInput(
                        partnerName,
                        "INSIDE",
                        shelter,
                        null,
                        java.util.List.of("CHILD_SEX_TRAFFICKING"),
                        java.util.List.of("KH-12"),
                        java.util.List.of(),
                        null,
                        true));
        org.haven.identity.CurrentUser vetter = identity.actor(hotline, Role.TRIAGE_OFFICER);
        partners.change(
                vetter,
                partner,
                partners.read(vetter, partner).version(),
                new org.haven.intake.routing.Partners.PartnerInput(
                        null, null, null, null, null, null, null, true, null));

        try (Browser reporter = Browser.withoutJavaScript(port);
                Browser staff = new Browser(port)) {
            reporter.open("/report?lang=km");
            assertThat(reporter.find("html").getAttribute("lang")).isEqualTo("km");
            assertThat(reporter.pageText()).doesNotContain("??");
            assertThat(reporter.usabilityProblems()).isEmpty();
            reporter.find("label[for='dangerNow']").click();
            reporter.type("#what", "ក្មេងស្រីពីរនាក់ត្រូវបានគេលក់នៅបន្ទប់ខារ៉ាអូខេ");
            new Select(reporter.find("#province")).selectByValue("KH-12");
            // Without JavaScript every district is listed, grouped by province, named in Khmer.
            Select district = new Select(reporter.find("#district"));
            assertThat(district.getOptions()).hasSizeGreaterThan(190);
            district.selectByVisibleText("ចំការមន");
            reporter.type("#phones", "012 " + number);
            // Without JavaScript no proof of work is solved: the form's wait token counts once the
            // time a person needs to fill it in has passed.
            Thread.sleep(5_500);
            assertThat(reporter.find("form[data-pow-challenge]").getAttribute("data-pow-state"))
                    .as("no script ran")
                    .isNull();
            reporter.submit("form button.primary");
            String code = reporter.text("#receipt-code");
            assertThat(code).matches("([0-9A-Z]{4}-){5}[0-9A-Z]{4}");
            assertThat(reporter.driver().manage().getCookies()).isEmpty();

            new SignInSteps(staff).signIn(officer);
            staff.open("/");
            assertThat(staff.text("#urgent-count")).contains("child in danger now");
            assertThat(staff.text("#alerts")).contains("A report says a child is in danger now.");
            staff.open("/triage");
            assertThat(staff.text("#queue")).doesNotContain("ខារ៉ាអូខេ").contains("Chamkar Mon");
            staff.find("#queue a.case-link").click();
            assertThat(staff.text("#report-content")).contains("ខារ៉ាអូខេ");
            staff.type("#question", "Which karaoke, and is it still open tonight?");
            staff.submit("#ask-form button");
            String reportPath = staff.path().replaceFirst("#.*", "");

            reporter.open("/report/status?lang=km");
            reporter.type("#code", code.toLowerCase().replace("-", " "));
            reporter.submit("form button.primary");
            assertThat(reporter.text("#messages")).contains("Which karaoke, and is it still open tonight?");
            reporter.type("#message", "Golden Lotus, Street 136, open until 2am");
            reporter.submit("form button.primary");

            staff.open(reportPath);
            assertThat(staff.text("#messages")).contains("Golden Lotus, Street 136");
            new Select(staff.find("#urgency")).selectByValue("IMMEDIATE");
            new Select(staff.find("#category")).selectByValue("CHILD_SEX_TRAFFICKING");
            staff.submit("form[action$='classification'] button");
            assertThat(staff.text("#report-meta")).contains("(UTC)");

            // The number the reporter gave is the one the incident knows: triage sees why, and links them.
            assertThat(staff.text("#suggestions")).contains(known.reference()).contains("Same phone number");
            assertThat(staff.usabilityProblems()).isEmpty();
            staff.submit("#suggestions form button");
            assertThat(staff.text("#suggestions")).contains(known.reference()).contains("Linked");
            staff.find("#suggestions a.case-link").click();
            assertThat(staff.text("#incident-reports")).contains(":00");
            assertThat(staff.usabilityProblems()).isEmpty();
            staff.open(reportPath);
            // Routed to the vetted shelter: a minimum-necessary summary, never the reporter's messages.
            new Select(staff.find("#routing-partner")).selectByVisibleText(partnerName);
            assertThat(staff.find("#routing-summary").getAttribute("value")).doesNotContain("Golden Lotus, Street 136");
            staff.submit("#route-form button.primary");
            assertThat(staff.text("#routings")).contains(partnerName);
            try (Browser shelterBrowser = new Browser(port)) {
                new SignInSteps(shelterBrowser).signIn(shelterStaff);
                shelterBrowser.open("/referrals");
                shelterBrowser.find("#referrals a.case-link").click();
                assertThat(shelterBrowser.pageText())
                        .doesNotContain("Golden Lotus")
                        .doesNotContain(code);
            }

            reporter.open("/report/status?lang=km");
            reporter.type("#code", code);
            reporter.submit("form button.primary");
            assertThat(reporter.text("#report-status")).isEqualTo(khmer("report.status.PASSED_TO_PARTNER"));
        }
    }

    @Test
    void withJavaScriptThePageSolvesItsChallengeAndSendsAtOnce() {
        Organizations organizations = context.getBean(Organizations.class);
        organizations.find(PublicReportTests.INTAKE).orElseGet(() -> organizations.create(PublicReportTests.INTAKE));
        try (Browser reporter = new Browser(port)) {
            reporter.open("/report?lang=en");
            new org.openqa.selenium.support.ui.WebDriverWait(reporter.driver(), java.time.Duration.ofSeconds(60))
                    .until(d -> "solved"
                            .equals(reporter.find("form[data-pow-challenge]").getAttribute("data-pow-state")));
            reporter.type("#what", "A foreign man with three young boys at a guesthouse on the river");
            reporter.submit("form button.primary");
            assertThat(reporter.text("#receipt-code")).matches("([0-9A-Z]{4}-){5}[0-9A-Z]{4}");
            reporter.find("#quick-exit").click();
            assertThat(reporter.driver().getCurrentUrl()).isEqualTo("about:blank");
        }
    }

    @Test
    void withJavaScriptTheDistrictListFollowsTheProvince() {
        try (Browser reporter = new Browser(port)) {
            reporter.open("/report?lang=en");
            Select province = new Select(reporter.find("#province"));
            Select district = new Select(reporter.find("#district"));
            assertThat(district.getOptions()).as("no province yet: all").hasSizeGreaterThan(190);

            province.selectByValue("KH-17");
            assertThat(district.getOptions())
                    .extracting(o -> o.getAttribute("value"))
                    .hasSize(org.haven.cases.Vocabulary.DISTRICTS.get("KH-17").size() + 1)
                    .contains("", "1707")
                    .doesNotContain("1201");
            district.selectByValue("1707");

            province.selectByValue("KH-12");
            assertThat(district.getFirstSelectedOption().getAttribute("value"))
                    .as("a new province empties the district")
                    .isEmpty();
            assertThat(district.getOptions())
                    .extracting(o -> o.getAttribute("value"))
                    .contains("1201")
                    .doesNotContain("1707");

            province.selectByValue("");
            district.selectByValue("2302");
            assertThat(province.getFirstSelectedOption().getAttribute("value"))
                    .as("a district chooses its province")
                    .isEqualTo("KH-23");
            assertThat(district.getFirstSelectedOption().getText()).isEqualTo("Kaeb");
            assertThat(reporter.usabilityProblems()).isEmpty();
        }
    }

    static String khmer(String key) throws java.io.IOException {
        java.util.Properties bundle = new java.util.Properties();
        try (var in = ReportBrowserTests.class.getResourceAsStream("/i18n/messages_km.properties")) {
            bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return bundle.getProperty(key);
    }
}
