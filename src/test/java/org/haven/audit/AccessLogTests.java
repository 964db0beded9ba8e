package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.cases.People;
import org.haven.cases.PersonInput;
import org.haven.identity.ApiClient;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@HavenTest
class AccessLogTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    People people;

    @Autowired
    AccessLog log;

    @Test
    void supervisorsAndAuditorsSeeWhoDidWhatAndTheOldAndNewValues() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        UUID organization = fixtures.organization("Access log");
        CurrentUser caseworker = fixtures.actor(organization, Role.CASEWORKER);
        UUID id = people.register(
                        caseworker, new PersonInput("Chenda Ros", null, null, null, null, "012 111 222", null))
                .id();
        people.get(caseworker, id);
        people.change(caseworker, id, 0, new PersonInput(null, null, null, null, null, "012 999 888", null));

        CurrentUser auditor = fixtures.actor(organization, Role.AUDITOR);
        List<AccessLog.Entry> entries = log.of(auditor, id);

        assertThat(entries)
                .extracting(AccessLog.Entry::action)
                .containsExactly("RECORD_CREATED", "RECORD_READ", "RECORD_CHANGED");
        assertThat(entries).extracting(AccessLog.Entry::actorName).containsOnly(caseworker.displayName());
        AccessLog.Entry change = entries.get(2);
        assertThat(change.fields()).containsExactly("phone");
        assertThat(change.changes()).containsExactly(new AccessLog.Change("phone", "012 111 222", "012 999 888"));

        CurrentUser supervisor = fixtures.actor(organization, Role.SUPERVISOR);
        assertThat(log.of(supervisor, id)).hasSize(3);
        assertThat(log.of(auditor, id))
                .as("reading the log is audited but not listed")
                .hasSize(3);

        assertThatThrownBy(() -> log.of(caseworker, id))
                .isInstanceOf(Refusal.class)
                .hasMessage("audit.forbidden");
        CurrentUser otherAuditor = fixtures.actor(fixtures.organization("Other"), Role.AUDITOR);
        assertThat(log.of(otherAuditor, id))
                .as("another organization's records")
                .isEmpty();
    }

    @Test
    void theApiServesTheSameLogToAuditorsOnly() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        UUID organization = fixtures.organization("Access log API");
        CurrentUser caseworker = fixtures.actor(organization, Role.CASEWORKER);
        UUID id = people.register(caseworker, new PersonInput("Rachana Phan", null, null, null, null, null, null))
                .id();
        ApiClient api = new ApiClient(port);

        HttpResponse<String> auditorView =
                api.get("/api/v1/audit/records/" + id, fixtures.token(fixtures.person(organization, Role.AUDITOR)));
        assertThat(auditorView.statusCode()).isEqualTo(200);
        assertThat(auditorView.body()).contains("RECORD_CREATED").doesNotContain("Rachana");

        HttpResponse<String> caseworkerView =
                api.get("/api/v1/audit/records/" + id, fixtures.token(fixtures.person(organization, Role.CASEWORKER)));
        assertThat(caseworkerView.statusCode()).isEqualTo(403);
    }
}
