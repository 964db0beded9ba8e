package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** Administrators manage their own organization's staff, and only theirs, in a real Chromium. */
class AdministrationBrowserTests extends BrowserTestSupport {

    @Test
    void anInvitedPersonActivatesTheirAccountAndSetsUpTheSecondFactor() {
        UUID organization = fixtures.organization("Invite UI Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        steps.signIn(admin);

        browser.open("/admin/users/invite");
        browser.submit("form button.primary");
        assertThat(browser.text(".error-summary")).as("empty form is explained").contains("There is a problem");

        String email = "invited-" + IdentityFixtures.unique() + "@test.example";
        browser.type("#displayName", "Sokha Invited");
        browser.type("#email", email);
        new Select(browser.find("#role")).selectByValue("CASEWORKER");
        browser.submit("form button.primary");
        String link = browser.text("#activation-link");
        assertThat(link).contains("/activate/");
        steps.signOut();

        browser.driver().get(link);
        assertThat(browser.pageText()).contains("Sokha Invited");
        browser.type("#password", "short");
        browser.type("#confirmation", "short");
        browser.submit("button.primary");
        assertThat(browser.text(".error-summary")).contains("at least 12 characters");
        browser.type("#password", "a long new password for sokha");
        browser.type("#confirmation", "a long new password for sokha");
        browser.submit("button.primary");
        assertThat(browser.path()).isEqualTo("/login?activated");

        UUID id = jdbc.sql("SELECT id FROM staff_user WHERE email = ?")
                .param(email)
                .query(UUID.class)
                .single();
        Person invited = new Person(id, organization, email, "a long new password for sokha");
        steps.signIn(invited);
        assertThat(browser.text("h1")).isEqualTo("Welcome, Sokha Invited");

        browser.driver().get(link);
        assertThat(browser.pageText()).as("the link works once").contains("not valid any more");
    }

    @Test
    void anAdministratorChangesARoleButNeverTheirOwnAndStaleFormsAreRefused() {
        UUID organization = fixtures.organization("Role UI Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        steps.signIn(admin);

        browser.open("/admin/users/" + worker.id());
        new Select(browser.find("#role")).selectByValue("SUPERVISOR");
        jdbc.sql("UPDATE staff_user SET version = version + 1 WHERE id = ?")
                .param(worker.id())
                .update();
        browser.submit("form button.primary");
        assertThat(browser.text(".error-summary")).contains("Someone else changed this person");
        assertThat(role(worker)).isEqualTo("CASEWORKER");

        browser.open("/admin/users/" + worker.id());
        new Select(browser.find("#role")).selectByValue("SUPERVISOR");
        browser.submit("form button.primary");
        assertThat(browser.text(".notice.success")).isEqualTo("The changes were saved.");
        assertThat(role(worker)).isEqualTo("SUPERVISOR");

        browser.open("/admin/users/" + admin.id());
        assertThat(browser.has("#role")).as("no form to change oneself").isFalse();
        assertThat(browser.pageText()).contains("You cannot change your own role or status");
        assertThat(browser.driver()
                        .findElements(org.openqa.selenium.By.cssSelector("#role option[value=NETWORK_ADMIN]")))
                .isEmpty();
    }

    @Test
    void anotherOrganizationsStaffAreInvisible() {
        Person adminA = fixtures.person(fixtures.organization("UI Org A"), Role.ORGANIZATION_ADMIN);
        Person workerB = fixtures.person(fixtures.organization("UI Org B"), Role.CASEWORKER);
        steps.signIn(adminA);

        browser.open("/admin/users");
        assertThat(browser.pageText()).doesNotContain(workerB.email());
        browser.open("/admin/users/" + workerB.id());
        assertThat(browser.text("h1")).isEqualTo("Something went wrong");
        assertThat(browser.pageText())
                .contains("does not exist, or you do not have access")
                .doesNotContain("Exception");
    }

    @Test
    void aCaseworkerSeesNoAdministration() {
        Person worker = fixtures.person(fixtures.organization("Nav Org"), Role.CASEWORKER);
        steps.signIn(worker);
        assertThat(browser.has("a[href='/admin/users']")).isFalse();
        browser.open("/admin/users");
        assertThat(browser.pageText()).contains("You do not have access to this page");
    }

    @Test
    void everyPageWorksOnAPhoneScreenWithLabelledControls() {
        UUID organization = fixtures.organization("Phone Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        browser.open("/login");
        assertThat(browser.usabilityProblems()).as("/login").isEmpty();
        steps.signIn(admin);
        for (String page : new String[] {
            "/",
            "/account",
            "/admin/users",
            "/admin/users/invite",
            "/admin/users/" + worker.id(),
            "/mfa/enroll",
            "/no-such-page"
        }) {
            browser.open(page);
            browser.screenshot("phone" + (page.contains(worker.id().toString()) ? "/admin/users/one" : page));
            assertThat(browser.usabilityProblems()).as(page).isEmpty();
        }
    }

    @Test
    void signingInWorksWithTheKeyboardAlone() {
        Person person = fixtures.person(fixtures.organization("Keyboard Org"), Role.CASEWORKER);
        browser.open("/login");
        var keys = new org.openqa.selenium.interactions.Actions(browser.driver());
        keys.sendKeys(person.email())
                .sendKeys(org.openqa.selenium.Keys.TAB)
                .sendKeys(person.password())
                .perform();
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .until(d -> browser.path().startsWith("/mfa"));
        assertThat(browser.path()).isEqualTo("/mfa/enroll");
    }

    private String role(Person person) {
        return jdbc.sql("SELECT role FROM staff_user WHERE id = ?")
                .param(person.id())
                .query(String.class)
                .single();
    }
}
