package org.haven.intake.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.intake.PublicReport;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sender's side of routing: which partners suit a report, the minimum-necessary summary a triage
 * officer writes (prefilled from the report: what, where, when, the children and the adults; never the
 * reporter's words about themselves, their messages or the receipt code), sending it to a vetted,
 * active partner with a deadline to acknowledge, and withdrawing it. A partner inside Haven gets its own
 * copy under its own keys. Every list, read and change is audited.
 */
@Service
public class Routings {

    static final String TABLE = "routing";
    static final String REFERRALS = "partner_referral";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A routing as the intake organization sees it. */
    public record RoutingView(
            UUID id,
            UUID partnerId,
            String partnerName,
            String partnerKind,
            String status,
            Instant sentAt,
            Instant acknowledgeBy,
            Instant acknowledgedAt,
            String outcome,
            String outcomeNote,
            String summary,
            boolean late,
            boolean escalated,
            int version) {}

    /** What the routing section of a report shows. */
    public record Panel(
            List<RoutingView> routings,
            List<Partners.Partner> suggested,
            List<Partners.Partner> others,
            String summary,
            int reportVersion) {

        /** The outcomes a partner can report, for the form recording an outside partner's answer. */
        public List<String> outcomes() {
            return RoutingCodes.OUTCOMES;
        }
    }

    /** The report's facts routing needs (its words stay encrypted until the summary is prefilled). */
    record ReportFacts(
            UUID id,
            String category,
            String urgency,
            boolean dangerNow,
            String province,
            String district,
            String country,
            byte[] content,
            int version) {

        boolean immediate() {
            return dangerNow || "IMMEDIATE".equals(urgency);
        }
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Partners partners;
    private final StaffDirectory staff;
    private final org.haven.cases.Alerts alerts;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;
    private final Duration acknowledge;
    private final Duration acknowledgeImmediate;

    Routings(
            JdbcClient jdbc,
            FieldCipher cipher,
            Partners partners,
            StaffDirectory staff,
            org.haven.cases.Alerts alerts,
            AuditTrail audit,
            MessageSource messages,
            Clock clock,
            @Value("${haven.intake.partner-acknowledge:24h}") Duration acknowledge,
            @Value("${haven.intake.partner-acknowledge-immediate:1h}") Duration acknowledgeImmediate) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.partners = partners;
        this.staff = staff;
        this.alerts = alerts;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.acknowledge = acknowledge;
        this.acknowledgeImmediate = acknowledgeImmediate;
    }

    /** The routing section of a report: its routings, the partners that suit it and a prefilled summary. */
    @Transactional
    public Panel panel(CurrentUser actor, UUID report, Locale locale) {
        require(actor);
        ReportFacts facts = facts(actor.organizationId(), report);
        List<RoutingView> routings = routingsOf(actor, report);
        List<Partners.Partner> suggested =
                partners.matching(actor.organizationId(), facts.category(), facts.province(), facts.country());
        List<Partners.Partner> others = partners.active(actor.organizationId()).stream()
                .filter(p -> suggested.stream().noneMatch(s -> s.id().equals(p.id())))
                .toList();
        return new Panel(routings, suggested, others, prefill(actor, facts, locale), facts.version());
    }

    /** The report's routings, newest first, with their summaries and outcomes; the read is audited. */
    @Transactional
    public List<RoutingView> routings(CurrentUser actor, UUID report) {
        require(actor);
        facts(actor.organizationId(), report);
        return routingsOf(actor, report);
    }

    /** Partners suited to the report: category, province or country matching, vetted first. */
    @Transactional
    public List<Partners.Partner> suggestions(CurrentUser actor, UUID report) {
        require(actor);
        ReportFacts facts = facts(actor.organizationId(), report);
        return partners.matching(actor.organizationId(), facts.category(), facts.province(), facts.country());
    }

    /** The minimum-necessary summary, prefilled from the report in the officer's language; the read is audited. */
    @Transactional
    public String prefill(CurrentUser actor, UUID report, Locale locale) {
        require(actor);
        return prefill(actor, facts(actor.organizationId(), report), locale);
    }

    /**
     * Sends the summary to a vetted, active partner if nobody changed the report since {@code
     * reportVersion}; the report becomes "passed to a partner". The partner must acknowledge within
     * {@code haven.intake.partner-acknowledge} (24 hours), or {@code partner-acknowledge-immediate} (1
     * hour) when a child is in immediate danger.
     */
    @Transactional
    public UUID route(CurrentUser actor, UUID report, int reportVersion, UUID partnerId, String summary) {
        require(actor);
        ReportFacts facts = facts(actor.organizationId(), report);
        if (partnerId == null) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.partner.required");
        }
        Partners.Partner partner = partners.find(actor.organizationId(), partnerId);
        if (!partner.active()) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.partner.inactive");
        }
        if (!partner.vetted()) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.partner.unvetted");
        }
        String text = Partners.blank(summary);
        if (text == null || text.length() > RoutingCodes.MAX_SUMMARY) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.summary.invalid");
        }
        boolean open = jdbc.sql("SELECT count(*) FROM routing WHERE organization_id = ? AND report_id = ?"
                                + " AND partner_id = ? AND status IN ('SENT', 'ACKNOWLEDGED')")
                        .params(actor.organizationId(), report, partnerId)
                        .query(Integer.class)
                        .single()
                > 0;
        if (open) {
            throw new Refusal(Status.CONFLICT, "routing.duplicate");
        }
        int updated = jdbc.sql("UPDATE report SET status = 'PASSED_TO_PARTNER', decision = 'ROUTE',"
                        + " version = version + 1"
                        + " WHERE organization_id = ? AND id = ? AND version = ?")
                .params(actor.organizationId(), report, reportVersion)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "intake.stale");
        }
        Instant now = clock.instant();
        Instant deadline = now.plus(facts.immediate() ? acknowledgeImmediate : acknowledge);
        String urgency = facts.urgency() == null && facts.dangerNow() ? "IMMEDIATE" : facts.urgency();
        UUID id = Ids.next();
        UUID referral = "INSIDE".equals(partner.kind()) ? Ids.next() : null;
        jdbc.sql("""
                        INSERT INTO routing (id, organization_id, report_id, partner_id, summary, category, urgency, province,
                            sent_by, sent_at, acknowledge_by, referral_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        actor.organizationId(),
                        report,
                        partnerId,
                        cipher.seal(actor.organizationId(), new Cell(TABLE, "summary", id), text)
                                .bytes(),
                        facts.category(),
                        urgency,
                        facts.province(),
                        actor.id(),
                        Timestamp.from(now),
                        Timestamp.from(deadline),
                        referral)
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on("report", report)
                .fields(List.of("status"))
                .detail("status", "PASSED_TO_PARTNER")
                .build());
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(List.of("summary"))
                .detail("report", report.toString())
                .detail("partner", partnerId.toString())
                .build());
        if (referral != null) {
            deliver(actor, partner.partnerOrganizationId(), referral, id, text, facts, urgency, now, deadline);
        }
        return id;
    }

    /** The partner organization's own copy, under its keys and its row-level security scope. */
    private void deliver(
            CurrentUser actor,
            UUID receiver,
            UUID referral,
            UUID routing,
            String text,
            ReportFacts facts,
            String urgency,
            Instant now,
            Instant deadline) {
        OrganizationScope.enter(jdbc, receiver);
        jdbc.sql("""
                        INSERT INTO partner_referral (id, organization_id, from_organization_id, routing_id, summary, category,
                            urgency, province, received_at, acknowledge_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        referral,
                        receiver,
                        actor.organizationId(),
                        routing,
                        cipher.seal(receiver, new Cell(REFERRALS, "summary", referral), text)
                                .bytes(),
                        facts.category(),
                        urgency,
                        facts.province(),
                        Timestamp.from(now),
                        Timestamp.from(deadline))
                .update();
        // The partner's staff are told that something waits for them, never what.
        alerts.referralReceived(
                receiver,
                staff.holding(receiver, null, Permission.REFERRAL_RECEIVE).stream()
                        .map(StaffDirectory.Member::id)
                        .toList());
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), actor.organizationId())
                .on(REFERRALS, referral)
                .detail("receiver", receiver.toString())
                .build());
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    /**
     * Withdraws a routing not yet concluded, if unchanged since {@code version}; a partner inside
     * Haven loses its copy of the summary (it no longer needs to know).
     */
    @Transactional
    public void withdraw(CurrentUser actor, UUID routing, int version) {
        require(actor);
        record Stored(UUID referral, UUID receiver) {}
        Stored stored = jdbc.sql("SELECT r.referral_id, p.partner_organization_id FROM routing r"
                        + " JOIN partner p ON p.organization_id = r.organization_id AND p.id = r.partner_id"
                        + " WHERE r.organization_id = ? AND r.id = ?")
                .params(actor.organizationId(), routing)
                .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "routing.notFound"));
        int updated = jdbc.sql(
                        "UPDATE routing SET status = 'WITHDRAWN', version = version + 1"
                                + " WHERE organization_id = ? AND id = ? AND version = ? AND status IN ('SENT', 'ACKNOWLEDGED')")
                .params(actor.organizationId(), routing, version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "routing.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, routing)
                .fields(List.of("status"))
                .detail("status", "WITHDRAWN")
                .build());
        if (stored.referral() != null && stored.receiver() != null) {
            OrganizationScope.enter(jdbc, stored.receiver());
            jdbc.sql("UPDATE partner_referral SET status = 'WITHDRAWN', summary = NULL, version = version + 1"
                            + " WHERE organization_id = ? AND id = ?")
                    .params(stored.receiver(), stored.referral())
                    .update();
            OrganizationScope.enter(jdbc, actor.organizationId());
        }
    }

    /**
     * Records what a partner outside Haven told triage (by phone, by mail): that it received the
     * summary, and, with {@code outcome}, what came of it. Refused for partners inside Haven, who
     * answer for themselves, and for a routing changed since {@code version}.
     */
    @Transactional
    public void recordResponse(CurrentUser actor, UUID routing, int version, String outcome, String note) {
        require(actor);
        RoutingView current = find(actor, routing);
        if (!"OUTSIDE".equals(current.partnerKind())) {
            throw new Refusal(Status.CONFLICT, "routing.response.inside");
        }
        boolean concluded = outcome != null && !outcome.isBlank();
        String code = concluded ? RoutingCodes.outcome(outcome) : null;
        String text = RoutingCodes.note(note);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        UPDATE routing SET status = ?, acknowledged_at = coalesce(acknowledged_at, ?),
                            outcome = coalesce(?, outcome), outcome_note = coalesce(?, outcome_note),
                            outcome_at = CASE WHEN ? THEN ? ELSE outcome_at END, version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ? AND status IN ('SENT', 'ACKNOWLEDGED')
                        """)
                .params(
                        concluded ? "OUTCOME_REPORTED" : "ACKNOWLEDGED",
                        now,
                        code,
                        concluded && text != null
                                ? cipher.seal(actor.organizationId(), new Cell(TABLE, "outcome_note", routing), text)
                                        .bytes()
                                : null,
                        concluded,
                        now,
                        actor.organizationId(),
                        routing,
                        version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "routing.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, routing)
                .fields(concluded ? List.of("status", "outcome", "outcome_note") : List.of("status"))
                .detail("status", concluded ? "OUTCOME_REPORTED" : "ACKNOWLEDGED")
                .detail("for", "outside partner")
                .build());
    }

    /** One routing of the organization (the caller scopes and audits). */
    RoutingView find(CurrentUser actor, UUID routing) {
        return jdbc.sql(SELECT + " WHERE r.organization_id = ? AND r.id = ?")
                .params(actor.organizationId(), routing)
                .query((rs, n) -> view(actor.organizationId(), rs))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "routing.notFound"));
    }

    private static final String SELECT = "SELECT r.*, p.name AS partner_name, p.kind AS partner_kind FROM routing r"
            + " JOIN partner p ON p.organization_id = r.organization_id AND p.id = r.partner_id";

    private List<RoutingView> routingsOf(CurrentUser actor, UUID report) {
        List<RoutingView> routings = jdbc.sql(
                        SELECT + " WHERE r.organization_id = ? AND r.report_id = ?" + " ORDER BY r.sent_at DESC, r.id")
                .params(actor.organizationId(), report)
                .query((rs, n) -> view(actor.organizationId(), rs))
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on("report", report)
                .fields(List.of("routings"))
                .detail("results", routings.size())
                .build());
        return routings;
    }

    private RoutingView view(UUID organization, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] note = rs.getBytes("outcome_note");
        String status = rs.getString("status");
        Instant deadline = rs.getTimestamp("acknowledge_by").toInstant();
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new RoutingView(
                id,
                rs.getObject("partner_id", UUID.class),
                rs.getString("partner_name"),
                rs.getString("partner_kind"),
                status,
                rs.getTimestamp("sent_at").toInstant(),
                deadline,
                acknowledged == null ? null : acknowledged.toInstant(),
                rs.getString("outcome"),
                note == null
                        ? null
                        : cipher.open(
                                organization, new Cell(TABLE, "outcome_note", id), EncryptedText.fromDatabase(note)),
                cipher.open(
                        organization,
                        new Cell(TABLE, "summary", id),
                        EncryptedText.fromDatabase(rs.getBytes("summary"))),
                "SENT".equals(status) && deadline.isBefore(clock.instant()),
                rs.getTimestamp("escalated_at") != null,
                rs.getInt("version"));
    }

    ReportFacts facts(UUID organization, UUID report) {
        return jdbc.sql("SELECT * FROM report WHERE organization_id = ? AND id = ?")
                .params(organization, report)
                .query((rs, n) -> new ReportFacts(
                        rs.getObject("id", UUID.class),
                        rs.getString("category"),
                        rs.getString("urgency"),
                        rs.getBoolean("danger_now"),
                        rs.getString("province"),
                        rs.getString("district"),
                        rs.getString("country"),
                        rs.getBytes("content"),
                        rs.getInt("version")))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.notFound"));
    }

    /**
     * The summary a partner needs: category, urgency, where, when, the children and the adults. Not the
     * reporter's account in their own words (it may say who they are), not the phone numbers or online
     * names they gave, not their messages, not the receipt code. The officer adds what else is needed.
     */
    private String prefill(CurrentUser actor, ReportFacts facts, Locale locale) {
        UUID organization = actor.organizationId();
        PublicReport report = JSON.readValue(
                cipher.open(
                        organization,
                        new Cell("report", "content", facts.id()),
                        EncryptedText.fromDatabase(facts.content())),
                PublicReport.class);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), organization)
                .on("report", facts.id())
                .fields(List.of("content"))
                .detail("purpose", "routing summary")
                .build());
        StringBuilder text = new StringBuilder();
        line(
                text,
                "triage.category",
                facts.category() == null ? null : label("triage.category." + facts.category(), locale),
                locale);
        String urgency = facts.urgency() == null && facts.dangerNow() ? "IMMEDIATE" : facts.urgency();
        line(text, "triage.urgency", urgency == null ? null : label("triage.urgency." + urgency, locale), locale);
        line(
                text,
                "report.province",
                facts.province() == null ? null : label("code.Province." + facts.province(), locale),
                locale);
        line(text, "report.district", report.district(), locale);
        if (facts.country() != null && !"KH".equals(facts.country())) {
            line(text, "report.country", facts.country(), locale);
        }
        line(text, "report.place", report.place(), locale);
        line(text, "report.when", report.when(), locale);
        line(
                text,
                "report.children.count",
                report.childrenCount() == null ? null : report.childrenCount().toString(),
                locale);
        line(text, "report.children.ages", report.childrenAges(), locale);
        line(
                text,
                "report.children.sex",
                report.childrenSex() == null || report.childrenSex().isBlank()
                        ? null
                        : label("report.children.sex." + report.childrenSex(), locale),
                locale);
        line(text, "report.adults.nationality", report.adultsNationality(), locale);
        line(text, "report.adults.description", report.adultsDescription(), locale);
        line(text, "report.adults.vehicle", report.vehicle(), locale);
        return text.toString().strip();
    }

    private void line(StringBuilder text, String key, String value, Locale locale) {
        if (value != null && !value.isBlank()) {
            text.append(label(key, locale)).append(": ").append(value.strip()).append('\n');
        }
    }

    private String label(String key, Locale locale) {
        String label = messages.getMessage(key, null, null, locale);
        return label == null ? "" : label;
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }
}
