package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.identity.ApiClient;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Organizations;
import org.haven.identity.Role;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Triage: the queue puts a child in danger first, decisions are versioned, hotline reports join the same queue. */
@HavenTest
class TriageTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Triage triage;

    @Autowired
    Reports reports;

    IdentityFixtures identity;
    UUID hotline;
    CurrentUser officer;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        Organizations organizations = context.getBean(Organizations.class);
        hotline = organizations
                .find(PublicReportTests.INTAKE)
                .orElseGet(() -> organizations.create(PublicReportTests.INTAKE))
                .id();
        officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
    }

    static PublicReport report(String what, boolean danger) {
        return new PublicReport(
                what, "KH-17", null, "KH", null, null, 2, null, null, null, null, null, null, null, danger);
    }

    @Test
    void aChildInDangerNowComesFirstAndImmediateUrgencyStartsTheClock() {
        reports.submit(report("Beggars near the temple, no danger seen", false), "en");
        reports.submit(report("A girl locked in a karaoke room right now", true), "km");

        java.util.List<Triage.Row> queue = triage.queue(officer);
        int lastUrgent = -1;
        int firstCalm = queue.size();
        for (int i = 0; i < queue.size(); i++) {
            boolean urgent =
                    queue.get(i).dangerNow() || "IMMEDIATE".equals(queue.get(i).urgency());
            lastUrgent = urgent ? i : lastUrgent;
            firstCalm = urgent ? firstCalm : Math.min(firstCalm, i);
        }
        assertThat(lastUrgent).as("every child in danger comes before the rest").isLessThan(firstCalm);
        Triage.Row first = queue.stream()
                .filter(Triage.Row::dangerNow)
                .filter(r -> triage.read(officer, r.id()).content().what().startsWith("A girl locked"))
                .findFirst()
                .orElseThrow();
        Triage.Detail detail = triage.read(officer, first.id());

        triage.classify(
                officer,
                first.id(),
                detail.version(),
                new Triage.Classification("IMMEDIATE", "CHILD_SEX_TRAFFICKING", "KH-17", null, "UNDER_REVIEW"));

        Triage.Row classified = triage.read(officer, first.id()).row();
        assertThat(classified.urgency()).isEqualTo("IMMEDIATE");
        assertThat(classified.deadline()).isNotNull();
        assertThat(classified.status()).isEqualTo("UNDER_REVIEW");
        assertThatThrownBy(() -> triage.classify(
                        officer,
                        first.id(),
                        detail.version(),
                        new Triage.Classification("LOW", null, null, null, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.stale"));
    }

    @Test
    void triageChoosesADistrictOfTheReportsProvince() {
        String code = reports.submit(report("A boy kept from school to work at a brick kiln", false), "en")
                .code();
        UUID id = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT report_id FROM report_receipt WHERE handle = ?")
                .param(code.replace("-", "").substring(0, 8))
                .query(UUID.class)
                .single();
        int version = triage.read(officer, id).version();
        for (String wrong : new String[] {"1201", "9999", "Siem Reap town"}) {
            assertThatThrownBy(() -> triage.classify(
                            officer, id, version, new Triage.Classification(null, null, null, wrong, null)))
                    .as(wrong)
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.district.invalid"));
        }
        assertThatThrownBy(() -> triage.classify(
                        officer, id, version, new Triage.Classification(null, null, "KH-12", "1707", null)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.district.invalid"));

        triage.classify(officer, id, version, new Triage.Classification(null, null, null, "1707", null));
        Triage.Row puok = triage.read(officer, id).row();
        assertThat(puok.district()).isEqualTo("1707");
        assertThat(triage.queue(officer))
                .filteredOn(r -> r.id().equals(id))
                .extracting(Triage.Row::district)
                .containsExactly("1707");

        triage.classify(
                officer, id, triage.read(officer, id).version(), new Triage.Classification(null, null, null, "", null));
        assertThat(triage.read(officer, id).row().district())
                .as("left as it was")
                .isEqualTo("1707");

        triage.classify(
                officer,
                id,
                triage.read(officer, id).version(),
                new Triage.Classification(null, null, "KH-12", null, null));
        Triage.Row moved = triage.read(officer, id).row();
        assertThat(moved.province()).isEqualTo("KH-12");
        assertThat(moved.district()).as("a district of another province goes").isNull();

        triage.classify(
                officer,
                id,
                triage.read(officer, id).version(),
                new Triage.Classification(null, null, "KH-12", "1201", null));
        assertThat(triage.read(officer, id).row().district()).isEqualTo("1201");
    }

    @Test
    void aChildInDangerAlertsTriageAtOnceWithoutTheReportsWords() {
        CurrentUser onDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        org.haven.cases.Alerts alerts = context.getBean(org.haven.cases.Alerts.class);
        int before = alerts.unread(onDuty).size();

        reports.submit(report("Calm report, nobody in danger", false), "en");
        assertThat(alerts.unread(onDuty)).hasSize(before);
        reports.submit(report("A boy tied up behind the market now", true), "en");

        assertThat(alerts.unread(onDuty)).hasSize(before + 1);
        assertThat(alerts.unread(onDuty).get(0).kind()).isEqualTo("REPORT_URGENT");
        assertThat(alerts.unread(onDuty).get(0).caseId()).isNull();
    }

    @Test
    void aHotlineOperatorRecordsACallThatJoinsTheQueueWithItsChannel() throws Exception {
        String operator = identity.token(identity.person(hotline, Role.HOTLINE_OPERATOR));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> taken = api.post("/api/v1/reports", operator, """
                {"channel": "PHONE", "report": {"what": "Caller saw two boys taken into a van at the bus station",
                 "dangerNow": false, "childrenCount": 2}}
                """);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        assertThat(taken.body()).containsPattern("\"code\":\"([0-9A-Z]{4}-){5}[0-9A-Z]{4}\"");
        assertThat(triage.queue(officer)).anyMatch(r -> r.channel().equals("PHONE"));
        assertThat(api.get("/api/v1/reports", operator).statusCode())
                .as("operators do not triage")
                .isEqualTo(403);
    }

    @Test
    void anotherOrganizationCannotReadAReport() {
        reports.submit(report("Foreign man with three children at a guesthouse", false), "en");
        UUID id = triage.queue(officer).get(0).id();
        CurrentUser stranger = identity.actor(identity.organization("Elsewhere"), Role.TRIAGE_OFFICER);

        assertThatThrownBy(() -> triage.read(stranger, id))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.notFound"));
        assertThatThrownBy(() -> reports.ask(stranger, id, "Where?")).isInstanceOf(Refusal.class);
    }

    @Test
    void theQueueScreenListsReportsWithoutTheirWords() throws Exception {
        reports.submit(report("Unique words that must not appear in a list 4711", true), "en");
        org.haven.identity.IdentityFixtures.Person person = identity.person(hotline, Role.TRIAGE_OFFICER);
        ApiClient api = new ApiClient(port);

        HttpResponse<String> queue = api.get("/api/v1/reports", identity.token(person));

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("\"dangerNow\":true").doesNotContain("4711");
    }
}
