package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** What people do on "My account", and what administrators do to accounts, through the screens. */
class AccountBrowserTests extends BrowserTestSupport {

    @Test
    void aTokenMadeOnTheAccountPageWorksOnTheApiUntilRevoked() {
        Person person = fixtures.person(fixtures.organization("Token UI Org"), Role.SUPERVISOR);
        steps.signIn(person);
        browser.open("/account");
        browser.type("#token-name", "spreadsheet sync");
        browser.type("#token-days", "7");
        browser.find("#perm-USER_READ").click();
        browser.submit("form[action='/account/tokens'] button");
        String token = browser.text("#new-token");
        assertThat(token).startsWith("hvn_");
        assertThat(browser.pageText()).contains("spreadsheet sync");

        ApiClient api = new ApiClient(port);
        HttpResponse<String> me = api.get("/api/v1/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("USER_READ").doesNotContain("CASE_WRITE");

        browser.open("/account");
        assertThat(browser.pageText()).as("shown once").doesNotContain(token);
        browser.submit("form[action$='/revoke'] button");
        assertThat(browser.text(".notice.success")).isEqualTo("The token was revoked.");
        assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void movingToANewPhoneReplacesTheSecondFactor() {
        Person person = fixtures.person(fixtures.organization("New Phone Org"), Role.CASEWORKER);
        steps.signIn(person);
        String oldSeed = steps.seed(person);
        browser.open("/account");
        browser.submit("a[href='/mfa/enroll']");
        steps.enroll(person);
        assertThat(browser.path()).isEqualTo("/account/recovery-codes");
        assertThat(steps.seed(person)).isNotEqualTo(oldSeed);
        steps.signOut();

        steps.password(person, person.password());
        TotpCodes totp = new TotpCodes(java.time.Clock.systemUTC());
        browser.type("#code", totp.codeAt(oldSeed, totp.currentStep() + 1));
        browser.submit("button.primary");
        assertThat(browser.text(".error-summary"))
                .as("the old phone no longer works")
                .contains("not right");
        browser.type("#code", steps.nextCode(person));
        browser.submit("button.primary");
        assertThat(browser.path()).isEqualTo("/");
    }

    @Test
    void aPersonChangesTheirLanguageAndKeepsIt() {
        Person person = fixtures.person(fixtures.organization("Language Org"), Role.CASEWORKER);
        steps.signIn(person);
        browser.open("/account");
        browser.find("#language-km").click();
        browser.submit("form[action='/account/language'] button");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("km");
        assertThat(jdbc.sql("SELECT preferred_language FROM staff_user WHERE id = ?")
                        .param(person.id())
                        .query(String.class)
                        .single())
                .isEqualTo("km");
        steps.signOut();
        steps.signIn(person);
        assertThat(browser.find("html").getAttribute("lang"))
                .as("kept at the next sign-in")
                .isEqualTo("km");
    }

    @Test
    void anAdministratorSuspendsAPersonAndResetsASecondFactor() {
        UUID organization = fixtures.organization("Suspend UI Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        WebSession workersPhone = new WebSession(port);
        workersPhone.signIn(worker, null);
        assertThat(workersPhone.get("/").statusCode()).isEqualTo(200);

        steps.signIn(admin);
        browser.open("/admin/users/" + worker.id());
        browser.submit("form[action$='/reset-second-factor'] button");
        assertThat(browser.text(".notice.success")).contains("The second factor was reset");
        assertThat(workersPhone.get("/").headers().firstValue("Location").orElse(""))
                .as("signed out everywhere")
                .endsWith("/login");
        WebSession again = new WebSession(port);
        again.get("/login");
        HttpResponse<String> afterPassword =
                again.post("/login", java.util.Map.of("email", worker.email(), "password", worker.password()));
        assertThat(afterPassword.headers().firstValue("Location").orElse("")).endsWith("/mfa/enroll");

        browser.open("/admin/users/" + worker.id());
        new Select(browser.find("#status-select")).selectByValue("SUSPENDED");
        browser.submit("form button.primary");
        assertThat(browser.text("#status")).isEqualTo("Suspended");
        WebSession suspended = new WebSession(port);
        suspended.get("/login");
        HttpResponse<String> refused =
                suspended.post("/login", java.util.Map.of("email", worker.email(), "password", worker.password()));
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }
}
