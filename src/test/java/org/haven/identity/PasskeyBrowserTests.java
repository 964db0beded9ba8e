package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real Chromium, with Chrome's virtual authenticator standing in for a phone's screen
 * lock: add one on "My account", sign in with it alone, lose it when the administrator resets the
 * second factor.
 */
class PasskeyBrowserTests extends BrowserTestSupport {

    VirtualAuthenticator authenticator;

    @AfterEach
    void removeAuthenticator() {
        if (authenticator != null) {
            ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
    }

    private void phoneWithScreenLock() {
        authenticator = ((HasVirtualAuthenticator) browser.driver())
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
    }

    @Test
    void aPasskeySignsInWithoutPasswordOrCodeUntilTheSecondFactorIsReset() {
        UUID organization = fixtures.organization("Passkey Org");
        Person person = fixtures.person(organization, Role.CASEWORKER);
        phoneWithScreenLock();
        steps.signIn(person);

        browser.open("/account");
        assertThat(browser.find("#passkey-unsupported").isDisplayed()).isFalse();
        browser.type("#passkey-label", "My phone");
        browser.find("#passkey-add button").click();
        browser.waitForPath("/account?passkeyAdded");
        assertThat(browser.text(".notice.success")).contains("Your passkey was added");
        assertThat(browser.text("#passkey-list")).contains("My phone");
        assertThat(authenticator.getCredentials()).hasSize(1);

        steps.signOut();
        browser.open("/login");
        browser.find("#passkey-sign-in").click();
        browser.waitForPath("/");
        assertThat(browser.text("h1")).isEqualTo("Welcome, Test CASEWORKER");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                        .param(person.id().toString())
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(audited(person, "PASSKEY_ADDED"))
                .as("added once, not again when a sign-in updates its counter")
                .isEqualTo(1);

        steps.signOut();
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        context.getBean(UserAdministration.class)
                .resetSecondFactor(new StaffUsersView(context).currentUser(admin), person.id());
        browser.open("/login");
        browser.find("#passkey-sign-in").click();
        browser.waitForPath("/login?passkeyError");
        assertThat(browser.text(".error-summary")).contains("Signing in with a passkey did not work");
    }

    private long audited(Person person, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE record_id = ? AND action = ?")
                .params(person.id(), action)
                .query(Long.class)
                .single();
    }

    @Test
    void aPasskeyOfASuspendedPersonOpensNothing() {
        UUID organization = fixtures.organization("Passkey Suspend Org");
        Person person = fixtures.person(organization, Role.CASEWORKER);
        phoneWithScreenLock();
        steps.signIn(person);
        browser.open("/account");
        browser.type("#passkey-label", "Work phone");
        browser.find("#passkey-add button").click();
        browser.waitForPath("/account?passkeyAdded");
        steps.signOut();

        jdbc.sql("UPDATE staff_user SET status = 'SUSPENDED' WHERE id = ?")
                .param(person.id())
                .update();
        browser.open("/login");
        browser.find("#passkey-sign-in").click();
        browser.waitForPath("/login?passkeyError");
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/login");
    }

    @Test
    void theButtonIsHiddenWithoutJavaScriptAndShownWhereBrowsersSupportPasskeys() {
        String html = new WebSession(port).get("/login").body();
        assertThat(html).containsPattern("id=\"passkey-sign-in\"[^>]*hidden");
        browser.open("/login");
        assertThat(browser.find("#passkey-sign-in").isDisplayed()).isTrue();
    }
}
