package org.haven.identity;

import org.haven.Browser;
import org.haven.HavenTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One Chromium per test class, a clean session per test, and the sign-in steps and fixtures. */
@HavenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Browser browser;
    SignInSteps steps;
    IdentityFixtures fixtures;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new Browser(port);
            steps = new SignInSteps(browser);
            fixtures = new IdentityFixtures(context);
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
