package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every sign-in attempt, and every change to accounts and tokens, lands in the audit trail. */
class IdentityAuditTests extends IdentityTestSupport {

    @Autowired
    UserAdministration administration;

    @Test
    void everySignInAttemptIsAudited() {
        UUID organization = fixtures.organization("Audited sign-ins");
        Person person = fixtures.person(organization, Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        browser.get("/login");
        browser.post("/login", Map.of("email", person.email(), "password", "not the password at all"));
        browser.post("/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@test.example", "password", "x"));
        new WebSession(port).signIn(person, null);

        List<String> outcomes = events(person.id(), "SIGN_IN");
        assertThat(outcomes).containsExactly("FAILURE", "SUCCESS");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE record_id = ? AND action = 'SECOND_FACTOR_CHANGED'")
                        .param(person.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        long unknownAccountFailures = jdbc.sql(
                        "SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN' AND outcome = 'FAILURE'"
                                + " AND record_id IS NULL AND details IS NOT NULL")
                .query(Long.class)
                .single();
        assertThat(unknownAccountFailures).isPositive();
    }

    @Test
    void aRefusedPasskeyIsAuditedToo() {
        long before = count("SIGN_IN", "FAILURE");
        WebSession browser = new WebSession(port);
        browser.get("/login");
        browser.postJson("/webauthn/authenticate/options", "");
        HttpResponse<String> refused = browser.postJson(
                "/login/webauthn",
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{"
                        + "\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"},"
                        + "\"clientExtensionResults\":{},\"authenticatorAttachment\":\"platform\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(count("SIGN_IN", "FAILURE")).isEqualTo(before + 1);
    }

    @Test
    void removingAPasskeyIsAudited() {
        Person person = fixtures.person(fixtures.organization("Passkey removal"), Role.CASEWORKER);
        String entity = "entity-" + person.id();
        jdbc.sql("INSERT INTO user_entities (id, name, display_name) VALUES (?, ?, 'x')")
                .params(entity, person.id().toString())
                .update();
        jdbc.sql("INSERT INTO user_credentials (credential_id, user_entity_user_id, public_key, backup_eligible,"
                        + " backup_state, label) VALUES ('cred-1', ?, '\\x00', false, false, 'Old phone')")
                .param(entity)
                .update();
        Passkeys passkeys = context.getBean(Passkeys.class);

        assertThat(passkeys.remove(person.id(), "no-such-credential")).isFalse();
        assertThat(passkeys.remove(person.id(), "cred-1")).isTrue();
        assertThat(events(person.id(), "PASSKEY_REMOVED")).containsExactly("SUCCESS");
    }

    @Test
    void oneWrongPasswordCountsOnceTowardsTheLockout() {
        UUID organization = fixtures.organization("Counted once");
        Person person = fixtures.person(organization, Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        browser.get("/login");
        browser.post("/login", Map.of("email", person.email(), "password", "not the password at all"));

        assertThat(jdbc.sql("SELECT failed_attempts FROM staff_user WHERE id = ?")
                        .param(person.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void roleChangesRecordTheChangedFields() {
        UUID organization = fixtures.organization("Audited changes");
        Person admin = fixtures.person(organization, Role.ORGANIZATION_ADMIN);
        Person worker = fixtures.person(organization, Role.CASEWORKER);
        CurrentUser actor = context.getBean(StaffUsers.class)
                .findById(admin.id())
                .orElseThrow()
                .toCurrentUser();
        UserView before = administration.get(actor, worker.id());
        administration.change(actor, worker.id(), before.version(), Role.SUPERVISOR, null, before.status());

        Map<String, Object> event = jdbc.sql(
                        "SELECT actor_id, fields, details FROM audit_event WHERE record_id = ? AND action = 'USER_CHANGED'")
                .param(worker.id())
                .query()
                .singleRow();
        assertThat(event.get("actor_id")).isEqualTo(admin.id());
        assertThat(event.get("fields")).isEqualTo("role");
        assertThat(new String((byte[]) event.get("details"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("old and new values are encrypted")
                .doesNotContain("SUPERVISOR", "CASEWORKER");
    }

    @Test
    void apiTokenUseIsAuditedAndABadTokenToo() {
        UUID organization = fixtures.organization("Audited tokens");
        Person person = fixtures.person(organization, Role.CASEWORKER);
        String token = fixtures.token(person);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        long before = count("TOKEN_USED", "FAILURE");
        assertThat(api.get("/api/v1/me", "hvn_" + "x".repeat(43)).statusCode()).isEqualTo(401);

        assertThat(events(person.id(), "TOKEN_CREATED")).containsExactly("SUCCESS");
        long used = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'TOKEN_USED' AND actor_id = ?"
                        + " AND outcome = 'SUCCESS' AND channel = 'api'")
                .param(person.id())
                .query(Long.class)
                .single();
        assertThat(used)
                .as("once a minute per token, as the last use is recorded")
                .isEqualTo(1);
        assertThat(count("TOKEN_USED", "FAILURE")).isEqualTo(before + 1);
        assertThat(api.get("/api/v1/me", "hvn_" + "x".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(count("TOKEN_USED", "FAILURE")).as("every failure").isEqualTo(before + 2);
    }

    private List<String> events(UUID subject, String action) {
        return jdbc.sql("SELECT outcome FROM audit_event WHERE (record_id = ? OR actor_id = ?) AND action = ?"
                        + " ORDER BY seq")
                .params(subject, subject, action)
                .query(String.class)
                .list();
    }

    private long count(String action, String outcome) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ? AND outcome = ?")
                .params(action, outcome)
                .query(Long.class)
                .single();
    }
}
