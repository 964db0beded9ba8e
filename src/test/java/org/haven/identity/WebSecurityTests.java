package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;

/** Headers, cookies, CSRF, sessions and error pages of the web interface. */
class WebSecurityTests extends IdentityTestSupport {

    @Test
    void pagesCarryStrictSecurityHeaders() {
        HttpResponse<String> login = new WebSession(port).get("/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .as("HSTS only behind TLS")
                .isEmpty();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("HAVEN_SESSION=")
                .contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
        assertThat(login.body()).doesNotContain("<script>", "style=\"");
    }

    @Test
    void behindATlsProxyTheCookieIsSecureWithTheHostPrefixAndHstsIsSent() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/login"))
                .header("X-Forwarded-Proto", "https")
                .build();
        HttpResponse<String> login =
                java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
        assertThat(login.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .startsWith("__Host-HAVEN_SESSION=")
                        .contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax")
                        .doesNotContain("Domain="));
    }

    @Test
    void anAbandonedEnrollmentDoesNotBreakTheNextPersonsSignIn() {
        java.util.UUID organization = fixtures.organization("Shared Computer Org");
        Person first = fixtures.person(organization, Role.CASEWORKER);
        Person second = fixtures.person(organization, Role.CASEWORKER);
        WebSession sharedComputer = new WebSession(port);
        sharedComputer.get("/login");
        sharedComputer.post("/login", Map.of("email", first.email(), "password", first.password()));
        assertThat(sharedComputer.get("/mfa/enroll").statusCode()).isEqualTo(200);

        sharedComputer.get("/login");
        sharedComputer.post("/login", Map.of("email", second.email(), "password", second.password()));
        HttpResponse<String> enrollment = sharedComputer.get("/mfa/enroll");
        assertThat(enrollment.statusCode()).isEqualTo(200);
        assertThat(enrollment.body()).contains("id=\"secret\"");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        Person person = fixtures.person(fixtures.organization("CSRF Org"), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        session.get("/login");
        HttpResponse<String> forged =
                session.postRaw("/login", Map.of("email", person.email(), "password", person.password()));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void signingInChangesTheSessionIdAndSignOutEverywhereEndsOtherSessions() {
        Person person = fixtures.person(fixtures.organization("Session Org"), Role.CASEWORKER);
        WebSession phone = new WebSession(port);
        phone.get("/login");
        String before = phone.cookie("HAVEN_SESSION");
        String seed = phone.signIn(person, null);
        assertThat(phone.cookie("HAVEN_SESSION")).as("session fixation").isNotEqualTo(before);
        assertThat(phone.get("/").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = ?")
                        .param(person.id().toString())
                        .query(Integer.class)
                        .list())
                .as("idle timeout of 30 minutes, stored server-side")
                .containsExactly(1800);

        WebSession laptop = new WebSession(port);
        laptop.signIn(person, seed);
        assertThat(laptop.get("/account").statusCode()).isEqualTo(200);

        HttpResponse<String> everywhere = laptop.post("/account/sign-out-everywhere", Map.of());
        assertThat(everywhere.headers().firstValue("Location").orElse("")).endsWith("/login?signedOutEverywhere");
        assertThat(phone.get("/").headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(laptop.get("/").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void changingThePasswordEndsOtherSessionsButKeepsThisOne() {
        Person person = fixtures.person(fixtures.organization("Password Org"), Role.CASEWORKER);
        WebSession phone = new WebSession(port);
        String seed = phone.signIn(person, null);
        WebSession laptop = new WebSession(port);
        laptop.signIn(person, seed);

        laptop.get("/account");
        HttpResponse<String> wrong = laptop.post(
                "/account/password", Map.of("current", "not my password", "replacement", "a brand new passphrase"));
        assertThat(laptop.get("/account").body()).contains("The current password is not right.");
        assertThat(wrong.statusCode()).isEqualTo(302);

        laptop.post("/account/password", Map.of("current", person.password(), "replacement", "a brand new passphrase"));
        assertThat(laptop.get("/account").body()).contains("Your password was changed.");
        assertThat(phone.get("/").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void errorPagesNeverShowInternals() {
        Person admin = fixtures.person(fixtures.organization("Error Org"), Role.ORGANIZATION_ADMIN);
        WebSession session = new WebSession(port);
        session.signIn(admin, null);
        HttpResponse<String> badId = session.get("/admin/users/not-a-uuid");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("Something went wrong").doesNotContain("Exception", "at org.", "trace");
        HttpResponse<String> missing = session.get("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("This page does not exist").doesNotContain("Whitelabel");
    }

    @Test
    void secondFactorSeedsAreStoredEncrypted() {
        Person person = fixtures.person(fixtures.organization("Seed Org"), Role.CASEWORKER);
        String seed = new WebSession(port).signIn(person, null);
        byte[] stored = jdbc.sql("SELECT totp_secret FROM staff_user WHERE id = ?")
                .param(person.id())
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(seed);
        assertThat(stored.length).isGreaterThan(seed.length());
        String hashes = jdbc.sql(
                        "SELECT string_agg(encode(code_hash, 'hex'), ',') FROM recovery_code WHERE user_id = ?")
                .param(person.id())
                .query(String.class)
                .single();
        assertThat(hashes.split(",")).hasSize(10);
    }
}
