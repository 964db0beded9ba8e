package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.haven.cases.People;
import org.haven.cases.PersonInput;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

/** The access log screens, as an auditor and a supervisor use them: on a phone, with the keyboard. */
class AuditBrowserTests extends BrowserTestSupport {

    @Autowired
    People people;

    @Autowired
    StaffUsers users;

    @Test
    void anAuditorLooksUpARecordWithTheKeyboardAndSeesWhoChangedWhat() {
        UUID organization = fixtures.organization("Audit screens");
        CurrentUser caseworker = users.findById(
                        fixtures.person(organization, Role.CASEWORKER).id())
                .orElseThrow()
                .toCurrentUser();
        UUID id = people.register(
                        caseworker, new PersonInput("Malis Touch", null, List.of(), null, null, "012 333 444", null))
                .id();
        people.change(caseworker, id, 0, new PersonInput(null, null, null, null, null, "012 555 666", null));
        Person auditor = fixtures.person(organization, Role.AUDITOR);
        steps.signIn(auditor);

        browser.open("/");
        assertThat(browser.find("nav a[href='/audit']").getText()).isEqualTo("Audit");
        browser.open("/audit");
        assertThat(browser.usabilityProblems()).isEmpty();
        browser.find("#record").click();
        new Actions(browser.driver())
                .sendKeys("not a number")
                .sendKeys(Keys.ENTER)
                .perform();
        browser.waitForPath("/audit?record=not+a+number");
        assertThat(browser.text(".error-summary")).contains("Enter a record number");
        assertThat(browser.find("#record").getAttribute("value")).isEqualTo("not a number");

        browser.find("#record").clear();
        browser.find("#record").click();
        new Actions(browser.driver())
                .sendKeys(id.toString())
                .sendKeys(Keys.ENTER)
                .perform();
        browser.waitForPath("/audit/records/" + id);
        String log = browser.text("#access-log");
        assertThat(log)
                .contains("Created", "Changed", "Name, Phone", caseworker.displayName(), "012 333 444", "012 555 666");
        assertThat(browser.usabilityProblems()).isEmpty();
        browser.screenshot("audit/record");
    }

    @Test
    void aCaseworkerHasNoAuditScreen() {
        Person caseworker = fixtures.person(fixtures.organization("No audit"), Role.CASEWORKER);
        steps.signIn(caseworker);
        browser.open("/");
        assertThat(browser.has("nav a[href='/audit']")).isFalse();
        browser.open("/audit");
        assertThat(browser.pageText()).contains("Only supervisors and auditors");
    }
}
