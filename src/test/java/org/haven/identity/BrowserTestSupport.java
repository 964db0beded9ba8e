package org.haven.identity;

import org.haven.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One Chromium per test class, a clean session per test, and the sign-in steps and fixtures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport extends IdentityTestSupport {

    Browser browser;
    SignInSteps steps;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new Browser(port);
            steps = new SignInSteps(browser);
        }
        browser.forgetSession();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
