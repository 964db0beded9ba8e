package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.cases.Alerts;
import org.haven.identity.ApiClient;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The on-call roster decides who is alerted about a child in danger now. Each test runs in its own
 * hotline organization (reports come in through its hotline operator), so rosters never mix.
 */
@HavenTest
class OnCallTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    OnCall onCall;

    @Autowired
    Triage triage;

    @Autowired
    Alerts alerts;

    IdentityFixtures identity;
    UUID hotline;
    CurrentUser operator;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        hotline = identity.organization("On-call hotline");
        operator = identity.actor(hotline, Role.HOTLINE_OPERATOR);
    }

    void childInDangerReported() {
        triage.intake(operator, TriageTests.report("A child held in a back room now", true), "PHONE");
    }

    @Test
    void onlyTheOfficerOnCallIsAlertedNotTheOneOffDuty() {
        CurrentUser onDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser offDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        onCall.take(onDuty, null, 8);

        childInDangerReported();

        assertThat(alerts.unread(onDuty))
                .singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo("REPORT_URGENT"));
        assertThat(alerts.unread(offDuty)).isEmpty();
        assertThat(onCall.roster(offDuty).nobodyOnCall()).isFalse();
    }

    @Test
    void withNobodyOnCallEveryTriageOfficerIsAlerted() {
        CurrentUser first = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser second = identity.actor(hotline, Role.TRIAGE_OFFICER);
        assertThat(onCall.roster(first).nobodyOnCall()).isTrue();

        childInDangerReported();

        assertThat(alerts.unread(first)).hasSize(1);
        assertThat(alerts.unread(second)).hasSize(1);
    }

    @Test
    void anEndedShiftStopsAlertsToThatOfficer() {
        CurrentUser leaving = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser staying = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser offDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        OnCall.Shift shift = onCall.take(leaving, null, 4);
        onCall.take(staying, null, 4);

        onCall.end(leaving, shift.id());
        childInDangerReported();

        assertThat(alerts.unread(leaving)).isEmpty();
        assertThat(alerts.unread(offDuty)).isEmpty();
        assertThat(alerts.unread(staying)).hasSize(1);
        assertThat(onCall.roster(staying).shifts())
                .extracting(OnCall.Shift::userId)
                .containsExactly(staying.id());
    }

    @Test
    void whenTheLastShiftEndsEveryTriageOfficerIsAlertedAgain() {
        CurrentUser officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser colleague = identity.actor(hotline, Role.TRIAGE_OFFICER);
        OnCall.Shift given = onCall.take(officer, colleague.id(), 2);

        onCall.end(officer, given.id());
        childInDangerReported();

        assertThat(onCall.roster(officer).nobodyOnCall()).isTrue();
        assertThat(alerts.unread(officer)).hasSize(1);
        assertThat(alerts.unread(colleague)).hasSize(1);
    }

    @Test
    void aColleagueOfAnotherOrganizationCannotBePutOnCall() {
        CurrentUser officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser stranger = identity.actor(identity.organization("Elsewhere"), Role.TRIAGE_OFFICER);
        CurrentUser caseworker = identity.actor(hotline, Role.CASEWORKER);

        assertThatThrownBy(() -> onCall.take(officer, stranger.id(), 4))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("oncall.person.invalid"));
        assertThatThrownBy(() -> onCall.take(officer, caseworker.id(), 4))
                .as("only people who triage can be on call")
                .isInstanceOf(Refusal.class);
        assertThat(onCall.roster(officer).shifts()).isEmpty();
        assertThat(onCall.roster(stranger).shifts()).isEmpty();
    }

    @Test
    void nobodyEndsAShiftTheyNeitherHoldNorGave() {
        CurrentUser officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser other = identity.actor(hotline, Role.TRIAGE_OFFICER);
        OnCall.Shift shift = onCall.take(officer, null, 4);

        assertThatThrownBy(() -> onCall.end(other, shift.id()))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("oncall.notFound"));
        assertThatThrownBy(() -> onCall.take(officer, null, 25)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> onCall.take(officer, null, 4))
                .as("already on call")
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("oncall.already"));
        assertThat(onCall.roster(other).nobodyOnCall()).isFalse();
    }

    @Test
    void raisingAReportToImmediateDangerAlertsTheOfficerOnCallOnce() {
        CurrentUser onDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        CurrentUser offDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        onCall.take(onDuty, null, 8);
        triage.intake(operator, TriageTests.report("Two girls seen entering a guesthouse", false), "PHONE");
        UUID report = triage.queue(offDuty).get(0).id();
        assertThat(alerts.unread(onDuty)).isEmpty();

        classify(offDuty, report, "HIGH");
        assertThat(alerts.unread(onDuty)).as("high is not immediate").isEmpty();
        classify(offDuty, report, "IMMEDIATE");
        assertThat(alerts.unread(onDuty)).hasSize(1);
        classify(offDuty, report, "IMMEDIATE");
        classify(offDuty, report, "LOW");
        classify(offDuty, report, "IMMEDIATE");

        assertThat(alerts.unread(onDuty)).as("alerted once").hasSize(1);
        assertThat(alerts.unread(offDuty)).isEmpty();
    }

    @Test
    void aChildInDangerNowRaisedToImmediateIsNotAlertedTwice() {
        CurrentUser onDuty = identity.actor(hotline, Role.TRIAGE_OFFICER);
        onCall.take(onDuty, null, 8);
        childInDangerReported();
        UUID report = triage.queue(onDuty).get(0).id();

        classify(onDuty, report, "IMMEDIATE");

        assertThat(alerts.unread(onDuty)).hasSize(1);
    }

    @Test
    void theRosterOverTheApi() {
        org.haven.identity.IdentityFixtures.Person officer = identity.person(hotline, Role.TRIAGE_OFFICER);
        String token = identity.token(officer);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/on-call", token).body()).contains("\"nobodyOnCall\":true");

        HttpResponse<String> taken = api.post("/api/v1/on-call", token, "{\"hours\": 6}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String id = taken.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(api.get("/api/v1/on-call", token).body()).contains("\"nobodyOnCall\":false", id);
        assertThat(api.post("/api/v1/on-call", token, "{\"hours\": 30}").statusCode())
                .isEqualTo(400);
        UUID stranger = identity.person(identity.organization("Elsewhere"), Role.TRIAGE_OFFICER)
                .id();
        assertThat(api.post("/api/v1/on-call", token, "{\"hours\": 2, \"userId\": \"" + stranger + "\"}")
                        .statusCode())
                .isEqualTo(422);

        assertThat(api.delete("/api/v1/on-call/" + id, token).statusCode()).isEqualTo(204);
        assertThat(api.delete("/api/v1/on-call/" + id, token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/on-call", token).body()).contains("\"nobodyOnCall\":true");
    }

    private void classify(CurrentUser officer, UUID report, String urgency) {
        int version = triage.read(officer, report).version();
        triage.classify(officer, report, version, new Triage.Classification(urgency, null, null, null, null));
    }
}
