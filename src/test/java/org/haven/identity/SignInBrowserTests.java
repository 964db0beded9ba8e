package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Signing in as a person does it, in a real Chromium. */
class SignInBrowserTests extends BrowserTestSupport {

    @Test
    void wrongPasswordThenEnrollmentSignOutTotpAndRecoveryCode() {
        Person person = fixtures.person(fixtures.organization("Browser Org"), Role.CASEWORKER);

        steps.password(person, "not the right password");
        assertThat(browser.path()).startsWith("/login?error");
        assertThat(browser.text(".error-summary")).contains("The email address or password is not right");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class"))
                .as("focus moves to the error summary")
                .isEqualTo("error-summary");

        steps.password(person, person.password());
        assertThat(browser.path()).isEqualTo("/mfa/enroll");
        assertThat(browser.find("img.qr").getAttribute("naturalWidth")).isNotEqualTo("0");
        browser.open("/");
        assertThat(browser.path()).as("no way around enrollment").isEqualTo("/mfa/enroll");

        steps.enroll(person);
        assertThat(browser.path()).isEqualTo("/account/recovery-codes");
        List<String> codes = browser.driver().findElements(By.cssSelector("#recovery-codes code")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(codes).hasSize(10).allMatch(code -> code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"));
        browser.submit("a.button.primary");
        assertThat(browser.text("h1")).isEqualTo("Welcome, Test CASEWORKER");

        steps.signOut();
        assertThat(browser.text(".notice")).isEqualTo("You have signed out.");
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/login");

        steps.password(person, person.password());
        assertThat(browser.path()).isEqualTo("/mfa");
        browser.type("#code", steps.lastCode(person));
        browser.submit("button.primary");
        assertThat(browser.text(".error-summary")).as("a used code is refused").contains("already used");
        browser.type("#code", steps.nextCode(person));
        browser.submit("button.primary");
        assertThat(browser.path()).isEqualTo("/");

        steps.signOut();
        steps.password(person, person.password());
        browser.submit("a[href='/mfa/recovery']");
        browser.type("#code", codes.get(0).toLowerCase());
        browser.submit("button.primary");
        assertThat(browser.path()).isEqualTo("/account");
        assertThat(browser.pageText()).contains("9 codes are left");

        steps.signOut();
        steps.password(person, person.password());
        browser.open("/mfa/recovery");
        browser.type("#code", codes.get(0));
        browser.submit("button.primary");
        assertThat(browser.text(".error-summary")).contains("not right or was already used");
    }

    @Test
    void repeatedFailuresPauseSignInEvenWithTheRightPassword() {
        Person person = fixtures.person(fixtures.organization("Lockout Org"), Role.SUPERVISOR);
        for (int attempt = 0; attempt < LockoutPolicy.THRESHOLD; attempt++) {
            steps.password(person, "wrong password number " + attempt);
            assertThat(browser.path()).startsWith("/login?error");
        }
        steps.password(person, person.password());
        assertThat(browser.path()).startsWith("/login?error");
        assertThat(browser.text(".error-summary")).contains("paused after too many attempts");
        assertThat(jdbc.sql("SELECT locked_until > now() FROM staff_user WHERE id = ?")
                        .param(person.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void anUnknownEmailGetsTheSameAnswer() {
        Person ghost = new Person(java.util.UUID.randomUUID(), null, "nobody@test.example", "whatever password");
        steps.password(ghost, ghost.password());
        assertThat(browser.path()).startsWith("/login?error");
        assertThat(browser.text(".error-summary")).contains("The email address or password is not right");
    }

    @Test
    void theLanguageSwitchShowsKhmer() {
        browser.open("/login");
        new org.openqa.selenium.support.ui.Select(browser.find("#lang")).selectByValue("km");
        browser.submit(".language-switch button");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("km");
        assertThat(browser.text("h1")).isEqualTo(KhmerText.of("login.title"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .withMessage("the bundled Khmer font is used, even where the device has none")
                .until(
                        d -> Boolean.TRUE.equals(
                                browser.driver()
                                        .executeScript(
                                                "return [...document.fonts].some(f => f.family.includes('Haven Khmer') && f.status === 'loaded');")));
        browser.screenshot("login-km");
    }
}
