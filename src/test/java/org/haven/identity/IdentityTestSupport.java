package org.haven.identity;

import org.haven.HavenTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The running application, its database, and fixtures that create people through the real services. */
@HavenTest
abstract class IdentityTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    IdentityFixtures fixtures;

    @BeforeEach
    void createFixtures() {
        fixtures = new IdentityFixtures(context);
    }
}
