package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The API end to end: bearer tokens, problem details, and who may see and change whom. */
class IdentityApiTests extends IdentityTestSupport {

    @Autowired
    ApiTokens tokens;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void meReturnsTheTokensOwner() {
        Person person = fixtures.person(fixtures.organization("Me Org"), Role.CASEWORKER);
        HttpResponse<String> response = api.get("/api/v1/me", fixtures.token(person));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"email\":\"" + person.email() + "\"",
                        "\"role\":\"CASEWORKER\"",
                        "\"scope\":\"OWN\"",
                        "CASE_READ");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void missingWrongRevokedAndExpiredTokensGet401ProblemDetails() {
        Person person = fixtures.person(fixtures.organization("Token Org"), Role.CASEWORKER);
        var revoked = tokens.create(person.id(), "revoked", Set.of(), Duration.ofDays(1));
        tokens.revoke(person.id(), revoked.token().id());
        var expired = tokens.create(person.id(), "expired", Set.of(), Duration.ofHours(1));
        jdbc.sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?")
                .param(expired.token().id())
                .update();

        for (String token : new String[] {null, "hvn_wrong", revoked.secret(), expired.secret(), "not-a-token"}) {
            HttpResponse<String> response = api.get("/api/v1/me", token);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401").doesNotContain("Exception");
        }
    }

    @Test
    void aSuspendedOwnersTokensStopWorking() {
        UUID organization = fixtures.organization("Suspend Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        String workerToken = fixtures.token(worker);
        assertThat(api.get("/api/v1/me", workerToken).statusCode()).isEqualTo(200);

        HttpResponse<String> suspended =
                api.patch("/api/v1/users/" + worker.id(), fixtures.token(admin), "{\"status\":\"SUSPENDED\"}", "\"0\"");
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"status\":\"SUSPENDED\"");
        assertThat(api.get("/api/v1/me", workerToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenCarriesOnlyItsSubsetOfPermissions() {
        Person admin = fixtures.person(fixtures.organization("Subset Org"), Role.ORGANIZATION_ADMIN);
        String narrow = fixtures.token(admin, Permission.SIGN_IN);
        assertThat(api.get("/api/v1/me", narrow).body()).contains("SIGN_IN").doesNotContain("USER_MANAGE");
        HttpResponse<String> denied = api.get("/api/v1/users", narrow);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/users", fixtures.token(admin)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenCannotGrantMoreThanItsOwnerHas() {
        Person worker = fixtures.person(fixtures.organization("Grant Org"), Role.CASEWORKER);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> tokens.create(worker.id(), "greedy", Set.of(Permission.USER_MANAGE), Duration.ofDays(1)))
                .isInstanceOf(IdentityException.class)
                .hasMessage("token.permissions.notYours");
    }

    @Test
    void administratorsNeverSeeOrChangeAnotherOrganizationsStaff() {
        Person adminA = fixtures.person(fixtures.organization("Org A"), Role.ORGANIZATION_ADMIN);
        UUID organizationB = fixtures.organization("Org B");
        Person workerB = fixtures.person(organizationB, Role.CASEWORKER);
        String tokenA = fixtures.token(adminA);

        assertThat(api.get("/api/v1/users", tokenA).body()).doesNotContain(workerB.email());
        assertThat(api.get("/api/v1/users?organization=" + organizationB, tokenA)
                        .body())
                .doesNotContain(workerB.email());
        assertThat(api.get("/api/v1/users/" + workerB.id(), tokenA).statusCode())
                .isEqualTo(404);
        assertThat(api.patch("/api/v1/users/" + workerB.id(), tokenA, "{\"status\":\"SUSPENDED\"}", "\"0\"")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/users/" + workerB.id() + "/second-factor", tokenA)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> invite = api.post(
                "/api/v1/users",
                tokenA,
                "{\"email\":\"x" + IdentityFixtures.unique()
                        + "@test.example\",\"displayName\":\"X\",\"role\":\"CASEWORKER\",\"organizationId\":\""
                        + organizationB
                        + "\"}");
        assertThat(invite.statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT status FROM staff_user WHERE id = ?")
                        .param(workerB.id())
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
    }

    @Test
    void nobodyRaisesTheirOwnPrivileges() {
        UUID organization = fixtures.organization("Escalation Org");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        String adminToken = fixtures.token(admin);

        HttpResponse<String> self = api.patch(
                "/api/v1/users/" + admin.id(), adminToken, "{\"role\":\"NETWORK_ADMIN\",\"version\":0}", null);
        assertThat(self.statusCode()).isEqualTo(422);
        HttpResponse<String> grant = api.patch(
                "/api/v1/users/" + worker.id(), adminToken, "{\"role\":\"NETWORK_ADMIN\",\"version\":0}", null);
        assertThat(grant.statusCode()).isEqualTo(422);
        assertThat(grant.body()).contains("user.role.notGrantable");
        HttpResponse<String> byWorker = api.patch(
                "/api/v1/users/" + worker.id(),
                fixtures.token(worker),
                "{\"role\":\"SUPERVISOR\",\"version\":0}",
                null);
        assertThat(byWorker.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT role FROM staff_user WHERE id IN (?, ?) ORDER BY role")
                        .params(admin.id(), worker.id())
                        .query(String.class)
                        .list())
                .containsExactly("CASEWORKER", "ORGANIZATION_ADMIN");
    }

    @Test
    void aStaleEditIsRefusedNotOverwritten() {
        UUID organization = fixtures.organization("Stale Org");
        String adminToken = fixtures.token(fixtures.person(organization, Role.ORGANIZATION_ADMIN));
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        HttpResponse<String> read = api.get("/api/v1/users/" + worker.id(), adminToken);
        String etag = read.headers().firstValue("ETag").orElseThrow();

        assertThat(api.patch("/api/v1/users/" + worker.id(), adminToken, "{\"role\":\"SUPERVISOR\"}", etag)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> stale =
                api.patch("/api/v1/users/" + worker.id(), adminToken, "{\"role\":\"ANALYST\"}", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("user.stale");
        assertThat(api.get("/api/v1/users/" + worker.id(), adminToken).body()).contains("\"role\":\"SUPERVISOR\"");
    }

    @Test
    void invitingGivesAOneTimeActivationLink() {
        UUID organization = fixtures.organization("Invite Org");
        String adminToken = fixtures.token(fixtures.person(organization, Role.ORGANIZATION_ADMIN));
        String email = "new-" + IdentityFixtures.unique() + "@test.example";
        HttpResponse<String> created = api.post(
                "/api/v1/users",
                adminToken,
                "{\"email\":\"" + email
                        + "\",\"displayName\":\"New Person\",\"role\":\"CASEWORKER\",\"language\":\"km\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/api/v1/users/"));
        assertThat(created.body()).contains("\"status\":\"INVITED\"", "/activate/");

        HttpResponse<String> duplicate = api.post(
                "/api/v1/users",
                adminToken,
                "{\"email\":\"" + email.toUpperCase() + "\",\"displayName\":\"Again\",\"role\":\"CASEWORKER\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        HttpResponse<String> invalid =
                api.post("/api/v1/users", adminToken, "{\"email\":\"\",\"displayName\":\"\",\"role\":\"CASEWORKER\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void openApiDescribesTheApiAndMetricsNeedAToken() {
        HttpResponse<String> openApi = api.get("/api/v1/openapi.json", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"/api/v1/me\"", "\"/api/v1/users\"", "bearer");
        HttpResponse<String> docs = api.get("/api/v1/docs", null);
        assertThat(docs.statusCode()).isEqualTo(302);
        String reader = docs.headers().firstValue("Location").orElseThrow();
        assertThat(api.get(reader, null).body()).contains("swagger-ui");
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        Person admin = fixtures.person(fixtures.organization("Metrics Org"), Role.ORGANIZATION_ADMIN);
        HttpResponse<String> metrics = api.get("/actuator/prometheus", fixtures.token(admin));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        // Requests are measured as a whole; Spring Security's filters, sign-ins and checks are not
        // observed at all (decision 46).
        assertThat(metrics.body()).contains("http_server_requests_seconds_count");
        assertThat(metrics.body()).doesNotContain("spring_security_");
        Person worker = fixtures.person(admin.organizationId(), Role.CASEWORKER);
        assertThat(api.get("/actuator/prometheus", fixtures.token(worker)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void unknownApiPathsAnswerWithProblemDetails() {
        Person person = fixtures.person(fixtures.organization("404 Org"), Role.CASEWORKER);
        HttpResponse<String> response = api.get("/api/v1/nothing-here", fixtures.token(person));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
