package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo mode (seeded once, banner, second factor offered but not forced), invitation e-mail through a
 * real SMTP server (GreenMail), and logs that keep no secrets — with Haven and Spring Security logging
 * at DEBUG, the most talkative they get.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "haven.demo=true",
            "logging.level.org.haven=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.jdbc=TRACE",
            "logging.level.org.apache=DEBUG"
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class DemoModeAndMailTests {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension mail =
            new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoNetwork demo;

    @Test
    void theDemoNetworkIsSeededOnceWithEveryRoleInTwoOrganizations() {
        demo.seed();
        demo.seed();
        List<String> roles = jdbc.sql("SELECT role FROM staff_user WHERE email LIKE '%.demo.example' ORDER BY role")
                .query(String.class)
                .list();
        assertThat(roles).hasSize(DemoNetwork.ACCOUNTS.size());
        assertThat(roles)
                .containsAll(Arrays.stream(Role.values()).map(Enum::name).toList());
        assertThat(jdbc.sql("SELECT count(*) FROM organization WHERE name LIKE '%(demo)'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void demoAccountsSignInWithoutASecondFactorUnderABanner() {
        WebSession session = new WebSession(port);
        assertThat(session.get("/login").body()).contains("DEMO — fictional data");
        session.post("/login", Map.of("email", "caseworker@hotline.demo.example", "password", DemoNetwork.PASSWORD));
        HttpResponse<String> home = session.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Welcome, Vanna Caseworker", "DEMO — fictional data", "Set up a second factor");
    }

    @Test
    void invitationsAreEmailedAndNothingSecretIsLogged(CapturedOutput output) throws Exception {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        Person admin = fixtures.person(fixtures.organization("Mail Org"), Role.ORGANIZATION_ADMIN);
        String token = fixtures.token(admin);
        String email = "invitee-" + IdentityFixtures.unique() + "@test.example";

        HttpResponse<String> invited = new ApiClient(port)
                .post(
                        "/api/v1/users",
                        token,
                        "{\"email\":\"" + email + "\",\"displayName\":\"Mailed Person\",\"role\":\"CASEWORKER\"}");
        assertThat(invited.statusCode()).isEqualTo(201);
        assertThat(invited.body()).contains("\"mailed\":true");
        String link = invited.body().replaceAll(".*\"activationLink\":\"([^\"]+)\".*", "$1");

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = null;
        for (MimeMessage received : mail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(email)) {
                message = received;
            }
        }
        assertThat(message).as("a message to the invited person").isNotNull();
        assertThat(message.getSubject()).isEqualTo("Your Haven account");
        assertThat(GreenMailUtil.getBody(message)).contains(link.substring(link.indexOf("/activate/")));

        WebSession session = new WebSession(port);
        session.get("/login");
        session.post("/login", Map.of("email", admin.email(), "password", "a wrong password here"));
        session.get("/login");
        session.post("/login", Map.of("email", admin.email(), "password", admin.password()));
        session.get("/");
        new WebSession(port).get(link.substring(link.indexOf("/activate/")));
        new ApiClient(port).get("/api/v1/users", token);

        String activationToken = link.substring(link.lastIndexOf('/') + 1);
        assertThat(output.getAll())
                .as("logs keep no personal data or secrets")
                .contains("DEBUG")
                .doesNotContain(
                        admin.password(),
                        "a wrong password here",
                        token,
                        token.substring(4),
                        activationToken,
                        email,
                        admin.email(),
                        "Mailed Person");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
