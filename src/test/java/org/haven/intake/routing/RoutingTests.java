package org.haven.intake.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import org.haven.HavenTest;
import org.haven.cases.Alerts;
import org.haven.identity.ApiClient;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.intake.PublicReport;
import org.haven.intake.Reports;
import org.haven.intake.Triage;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Routing a report to a vetted partner: only vetted partners receive it, the partner sees the summary
 * and nothing of the reporter, acknowledgement and outcome flow back, a missed deadline alerts triage
 * once, and an outside partner's file opens only with its password.
 */
@HavenTest
class RoutingTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Triage triage;

    @Autowired
    Reports reports;

    @Autowired
    Partners partners;

    @Autowired
    Routings routings;

    @Autowired
    PartnerQueue queue;

    @Autowired
    RoutingEscalation escalation;

    @Autowired
    RoutingExports exports;

    @Autowired
    Alerts alerts;

    @Autowired
    Clock clock;

    IdentityFixtures identity;
    UUID hotline;
    UUID shelter;
    CurrentUser officer;
    CurrentUser colleague;
    CurrentUser partnerStaff;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        hotline = identity.organization("Hotline");
        shelter = identity.organization("Shelter");
        officer = identity.actor(hotline, Role.TRIAGE_OFFICER);
        colleague = identity.actor(hotline, Role.TRIAGE_OFFICER);
        partnerStaff = identity.actor(shelter, Role.PARTNER_STAFF);
    }

    /** A report taken by phone in the hotline's own organization, with the reporter's receipt code. */
    record Taken(UUID id, String code) {}

    Taken report(boolean danger) {
        CurrentUser operator = identity.actor(hotline, Role.HOTLINE_OPERATOR);
        Reports.Receipt receipt = triage.intake(
                operator,
                new PublicReport(
                        "I am the cook at the guesthouse next door, my name is Sokha",
                        "KH-12",
                        "Daun Penh",
                        "KH",
                        "Guesthouse with a blue gate near the river",
                        "Yesterday evening",
                        2,
                        "about 12",
                        "GIRLS",
                        "foreign",
                        "Tall man with a grey beard",
                        "White van 2A-1234",
                        "012 345 678",
                        null,
                        danger),
                "PHONE");
        UUID id = triage.queue(officer).get(0).id();
        return new Taken(id, receipt.code());
    }

    UUID vettedPartner(String kind) {
        UUID id = partners.register(
                officer,
                new Partners.PartnerInput(
                        kind + " partner",
                        kind,
                        "INSIDE".equals(kind) ? shelter : null,
                        "OUTSIDE".equals(kind) ? "Ms Dara, +855 12 000 000" : null,
                        List.of("CHILD_SEX_TRAFFICKING"),
                        List.of("KH-12"),
                        List.of(),
                        null,
                        null));
        partners.change(colleague, id, 0, vetting(true));
        return id;
    }

    static Partners.PartnerInput vetting(boolean vetted) {
        return new Partners.PartnerInput(null, null, null, null, null, null, null, vetted, null);
    }

    int version(UUID report) {
        return triage.read(officer, report).version();
    }

    @Test
    void aReportCannotGoToAnUnvettedPartnerAndVettingTakesASecondPerson() {
        Taken report = report(false);
        UUID partner = partners.register(
                officer,
                new Partners.PartnerInput(
                        "Unvetted unit", "INSIDE", shelter, null, List.of(), List.of(), List.of(), null, null));

        assertThatThrownBy(() -> routings.route(officer, report.id(), version(report.id()), partner, "Summary"))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("routing.partner.unvetted"));
        assertThat(triage.read(officer, report.id()).row().status()).isEqualTo("RECEIVED");
        assertThatThrownBy(() -> partners.change(officer, partner, 0, vetting(true)))
                .as("whoever registered a partner cannot vet it")
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("partner.vet.ownChange"));

        partners.change(colleague, partner, 0, vetting(true));

        assertThat(partners.read(officer, partner).vetted()).isTrue();
        assertThat(routings.route(officer, report.id(), version(report.id()), partner, "Summary"))
                .isNotNull();
    }

    @Test
    void theSummaryLeavesWithoutTheReporterAndOnlyThePartnerSeesIt() {
        Taken report = report(false);
        reports.ask(officer, report.id(), "Can you tell us the room number?");
        assertThat(reports.reply(report.code(), "Room 7, and I live in the back house"))
                .isTrue();
        UUID partner = vettedPartner("INSIDE");

        String summary = routings.prefill(officer, report.id(), Locale.ENGLISH);
        assertThat(summary)
                .contains("Guesthouse with a blue gate", "Tall man with a grey beard", "White van 2A-1234")
                .doesNotContain("Sokha", "cook", "Room 7", "room number", "012 345 678")
                .doesNotContain(report.code())
                .doesNotContain(report.code().replace("-", ""));
        assertThat(routings.suggestions(officer, report.id()))
                .extracting(Partners.Partner::id)
                .contains(partner);

        routings.route(officer, report.id(), version(report.id()), partner, summary);

        assertThat(triage.read(officer, report.id()).row().status()).isEqualTo("PASSED_TO_PARTNER");
        assertThat(reports.open(report.code()).orElseThrow().status()).isEqualTo("PASSED_TO_PARTNER");
        List<PartnerQueue.ReferralRow> rows = queue.list(partnerStaff);
        assertThat(rows).hasSize(1);
        PartnerQueue.Referral referral = queue.read(partnerStaff, rows.get(0).id());
        assertThat(referral.summary()).isEqualTo(summary);
        assertThat(referral.row().category()).isNull();
        assertThat(referral.row().province()).isEqualTo("KH-12");
        assertThat(alerts.unread(partnerStaff)).extracting(Alerts.Alert::kind).contains("REFERRAL_RECEIVED");

        CurrentUser stranger = identity.actor(identity.organization("Elsewhere"), Role.PARTNER_STAFF);
        assertThat(queue.list(stranger)).isEmpty();
        assertThatThrownBy(() -> queue.read(stranger, rows.get(0).id()))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.NOT_FOUND));
        assertThatThrownBy(() -> triage.read(identity.actor(shelter, Role.TRIAGE_OFFICER), report.id()))
                .as("the partner never reads the report itself")
                .isInstanceOf(Refusal.class);
    }

    @Test
    void acknowledgementAndOutcomeFlowBackToTheSender() {
        Taken report = report(false);
        UUID partner = vettedPartner("INSIDE");
        UUID routing = routings.route(officer, report.id(), version(report.id()), partner, "Two girls, blue gate");
        UUID referral = queue.list(partnerStaff).get(0).id();

        queue.acknowledge(partnerStaff, referral, 0);

        Routings.RoutingView sent = routings.routings(officer, report.id()).get(0);
        assertThat(sent.id()).isEqualTo(routing);
        assertThat(sent.status()).isEqualTo("ACKNOWLEDGED");
        assertThat(sent.acknowledgedAt()).isNotNull();
        assertThatThrownBy(() -> queue.reportOutcome(partnerStaff, referral, 0, "RESCUE", "late"))
                .as("a stale change is refused")
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("referral.stale"));

        queue.reportOutcome(partnerStaff, referral, 1, "RESCUE", "Both girls are safe in a shelter");

        sent = routings.routings(officer, report.id()).get(0);
        assertThat(sent.status()).isEqualTo("OUTCOME_REPORTED");
        assertThat(sent.outcome()).isEqualTo("RESCUE");
        assertThat(sent.outcomeNote()).isEqualTo("Both girls are safe in a shelter");
        assertThat(queue.read(partnerStaff, referral).outcome()).isEqualTo("RESCUE");
        assertThatThrownBy(() -> queue.acknowledge(identity.actor(hotline, Role.PARTNER_STAFF), referral, 2))
                .as("the sender's own staff have no such referral")
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.NOT_FOUND));
    }

    @Test
    void aStaleReportVersionIsRefusedAndAWithdrawnReferralLosesItsSummary() {
        Taken report = report(false);
        UUID partner = vettedPartner("INSIDE");
        int read = version(report.id());
        triage.classify(
                officer,
                report.id(),
                read,
                new Triage.Classification("HIGH", "CHILD_SEX_TRAFFICKING", null, null, null));

        assertThatThrownBy(() -> routings.route(officer, report.id(), read, partner, "Summary"))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("intake.stale"));
        assertThat(queue.list(partnerStaff)).isEmpty();

        UUID routing = routings.route(officer, report.id(), version(report.id()), partner, "Summary words 4711");
        routings.withdraw(officer, routing, 0);

        PartnerQueue.Referral referral =
                queue.read(partnerStaff, queue.list(partnerStaff).get(0).id());
        assertThat(referral.row().status()).isEqualTo("WITHDRAWN");
        assertThat(referral.summary()).isNull();
    }

    @Test
    void aRoutingNotAcknowledgedInTimeAlertsTriageOnce() {
        Taken report = report(true);
        UUID partner = vettedPartner("INSIDE");
        routings.route(officer, report.id(), version(report.id()), partner, "A child in danger now");
        Routings.RoutingView sent = routings.routings(officer, report.id()).get(0);
        assertThat(Duration.between(sent.sentAt(), sent.acknowledgeBy()))
                .as("a child in immediate danger: one hour")
                .isEqualTo(Duration.ofHours(1));
        long before = lateAlerts(officer);

        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(lateAlerts(officer)).as("not yet late").isEqualTo(before);

        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(61)));
        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(90)));

        assertThat(lateAlerts(officer)).as("alerted once").isEqualTo(before + 1);
        assertThat(lateAlerts(colleague)).isEqualTo(1);
        assertThat(routings.routings(officer, report.id()).get(0).escalated()).isTrue();
    }

    long lateAlerts(CurrentUser who) {
        return alerts(who, "ROUTING_LATE");
    }

    long alerts(CurrentUser who, String kind) {
        return alerts.unread(who).stream().filter(a -> a.kind().equals(kind)).count();
    }

    @Test
    void aReportOfImmediateDangerNobodyActedOnByItsDeadlineAlertsEveryTriageOfficerOnce() {
        Taken waiting = report(false);
        triage.classify(
                officer,
                waiting.id(),
                version(waiting.id()),
                new org.haven.intake.Triage.Classification("IMMEDIATE", null, null, null, null));
        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(alerts(colleague, "REPORT_LATE")).as("not yet late").isZero();
        assertThat(triage.read(officer, waiting.id()).row().late()).isFalse();

        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(16)));
        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(alerts(colleague, "REPORT_LATE"))
                .as("alerted once, to everyone")
                .isEqualTo(1);
        assertThat(alerts(officer, "REPORT_LATE")).isEqualTo(1);

        // A question to the reporter is not acting on it; a decision is.
        report(false);
        UUID decidedId = triage.queue(officer).stream()
                .map(org.haven.intake.Triage.Row::id)
                .filter(id -> !id.equals(waiting.id()))
                .findFirst()
                .orElseThrow();
        triage.classify(
                officer,
                decidedId,
                version(decidedId),
                new org.haven.intake.Triage.Classification("IMMEDIATE", null, null, null, null));
        triage.decide(
                officer, decidedId, version(decidedId), new org.haven.intake.Triage.Decision("NO_ACTION", null, null));
        escalation.escalateNow(clock.instant().plus(Duration.ofMinutes(20)));
        assertThat(alerts(colleague, "REPORT_LATE"))
                .as("a decided report is not late")
                .isEqualTo(1);
    }

    @Test
    void triageRecordsWhatAnOutsidePartnerSaidButNotForAPartnerInsideHaven() {
        UUID outside = vettedPartner("OUTSIDE");
        Taken first = report(false);
        UUID routing = routings.route(officer, first.id(), version(first.id()), outside, "Blue gate, two girls");
        Routings.RoutingView sent = routings.routings(officer, first.id()).get(0);

        routings.recordResponse(officer, routing, sent.version(), "", null);
        Routings.RoutingView received = routings.routings(officer, first.id()).get(0);
        assertThat(received.status()).isEqualTo("ACKNOWLEDGED");
        assertThat(received.acknowledgedAt()).isNotNull();
        assertThat(received.outcome()).isNull();
        assertThatThrownBy(() -> routings.recordResponse(officer, routing, sent.version(), "RESCUE", null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("routing.stale"));
        assertThatThrownBy(() -> routings.recordResponse(officer, routing, received.version(), "TEA", null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.UNPROCESSABLE));

        routings.recordResponse(officer, routing, received.version(), "RESCUE", "Two girls taken to safety");
        Routings.RoutingView concluded = routings.routings(officer, first.id()).get(0);
        assertThat(concluded.status()).isEqualTo("OUTCOME_REPORTED");
        assertThat(concluded.outcome()).isEqualTo("RESCUE");
        assertThat(concluded.outcomeNote()).isEqualTo("Two girls taken to safety");

        report(false);
        UUID second = triage.queue(officer).stream()
                .map(org.haven.intake.Triage.Row::id)
                .filter(id -> !id.equals(first.id()))
                .findFirst()
                .orElseThrow();
        UUID inside = routings.route(officer, second, version(second), vettedPartner("INSIDE"), "Blue gate, two girls");
        int insideVersion = routings.routings(officer, second).get(0).version();
        assertThatThrownBy(() -> routings.recordResponse(officer, inside, insideVersion, "RESCUE", null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("routing.response.inside"));
    }

    @Test
    void anOutsidePartnersFileOpensOnlyWithItsPassword() throws IOException {
        Taken report = report(false);
        UUID partner = vettedPartner("OUTSIDE");
        UUID routing = routings.route(officer, report.id(), version(report.id()), partner, "Blue gate, two girls ស្រី");
        char[] password = "correct horse battery".toCharArray();

        assertThatThrownBy(() -> exports.export(officer, routing, "too short".toCharArray()))
                .isInstanceOf(Refusal.class);
        byte[] zip = exports.export(officer, routing, password).content();

        Map<String, byte[]> files = unzip(zip, password);
        assertThat(files).containsKeys("referral.json", "referral.csv");
        assertThat(new String(files.get("referral.json"), StandardCharsets.UTF_8))
                .contains("Blue gate, two girls ស្រី");
        assertThat(new String(zip, StandardCharsets.ISO_8859_1)).doesNotContain("Blue gate");
        assertThatThrownBy(() -> unzip(zip, "wrong password here".toCharArray()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> exports.export(
                        identity.actor(identity.organization("Other"), Role.TRIAGE_OFFICER), routing, password))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.status()).isEqualTo(Refusal.Status.NOT_FOUND));
    }

    @Test
    void thePartnerWorksItsQueueOverTheApi() {
        Taken report = report(false);
        UUID partner = vettedPartner("INSIDE");
        ApiClient api = new ApiClient(port);
        String officerToken = identity.token(identity.person(hotline, Role.TRIAGE_OFFICER));
        IdentityFixtures.Person staff = identity.person(shelter, Role.PARTNER_STAFF);
        String partnerToken = identity.token(staff);

        HttpResponse<String> sent = api.send(
                "POST",
                "/api/v1/reports/" + report.id() + "/routings",
                officerToken,
                "{\"partner\": \"" + partner + "\", \"summary\": \"Two girls at the blue gate\"}",
                "\"" + version(report.id()) + "\"");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        HttpResponse<String> list = api.get("/api/v1/referrals", partnerToken);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("blue gate");
        UUID referral = queue.list(identity.signedIn(staff)).get(0).id();
        HttpResponse<String> one = api.get("/api/v1/referrals/" + referral, partnerToken);
        assertThat(one.body()).contains("Two girls at the blue gate").doesNotContain("Sokha");
        assertThat(api.send("POST", "/api/v1/referrals/" + referral + "/acknowledgement", partnerToken, null, "\"0\"")
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/reports/" + report.id() + "/routings", officerToken)
                        .body())
                .contains("ACKNOWLEDGED");
        assertThat(api.get("/api/v1/referrals/" + referral, officerToken).statusCode())
                .isEqualTo(403);
    }

    static Map<String, byte[]> unzip(byte[] zip, char[] password) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password)) {
            for (LocalFileHeader header; (header = in.getNextEntry()) != null; ) {
                files.put(header.getFileName(), in.readAllBytes());
            }
        }
        return files;
    }
}
