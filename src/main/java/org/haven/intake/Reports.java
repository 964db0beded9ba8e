package org.haven.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports and the conversation with the person who made them. A public report is stored encrypted,
 * with the hour it arrived, a random id and nothing about its sender; its receipt code is the only way
 * back to it. The sender's own reads are not audited (an audit event would keep the exact time);
 * every staff read and message is.
 */
@Service
public class Reports {

    /** What the person takes away: the code, shown once. */
    public record Receipt(String code) {}

    /** What the person sees with their code. */
    public record ReporterView(String status, Instant receivedHour, List<Message> messages) {}

    public record Message(String direction, String body, Instant hour) {}

    static final String TABLE = "report";
    static final String MESSAGES = "report_message";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final IntakeOrganization intake;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.haven.cases.Alerts alerts;
    private final OffenderTokens tokens;
    private final OnCall onCall;

    Reports(
            JdbcClient jdbc,
            FieldCipher cipher,
            IntakeOrganization intake,
            AuditTrail audit,
            Clock clock,
            org.haven.cases.Alerts alerts,
            OnCall onCall,
            OffenderTokens tokens) {
        this.tokens = tokens;
        this.alerts = alerts;
        this.onCall = onCall;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores an anonymous report from the public form and returns its receipt code. */
    @Transactional
    public Receipt submit(PublicReport report, String language) {
        UUID organization = intake.id().orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.closed"));
        return store(organization, report, language, "WEB", null).receipt();
    }

    /** A report stored, with the code that leads back to it. */
    record Taken(UUID id, Receipt receipt) {}

    /** Stores a report for the organization (in the caller's transaction) with a new receipt code. */
    Taken store(UUID organization, PublicReport report, String language, String channel, UUID operator) {
        OrganizationScope.enter(jdbc, organization);
        // A random id: a time-ordered one would keep the exact moment of the report.
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO report (id, organization_id, channel, language, received_hour, danger_now, province,
                            district, country, children_count, content, operator_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        organization,
                        channel,
                        language,
                        hour(),
                        Boolean.TRUE.equals(report.dangerNow()),
                        province(report),
                        blank(report.district()),
                        country(report.country()),
                        report.childrenCount(),
                        seal(organization, TABLE, "content", id, JSON.writeValueAsString(report)),
                        operator)
                .update();
        ReceiptCodes.Code code = ReceiptCodes.next();
        jdbc.sql("INSERT INTO report_receipt (handle, organization_id, report_id, secret_hash) VALUES (?, ?, ?, ?)")
                .params(code.handle(), organization, id, ReceiptCodes.hash(code))
                .update();
        List<OffenderTokens.Keyed> named = tokens.of(organization, report.phones(), report.handles());
        if (!named.isEmpty()) {
            jdbc.sql("INSERT INTO report_token (organization_id, token, kind, report_id)"
                            + " SELECT ?, t.token, t.kind, ? FROM unnest(?::bigint[], ?::text[]) AS t(token, kind)"
                            + " ON CONFLICT DO NOTHING")
                    .params(
                            organization,
                            id,
                            named.stream().map(OffenderTokens.Keyed::token).toArray(Long[]::new),
                            named.stream().map(OffenderTokens.Keyed::kind).toArray(String[]::new))
                    .update();
        }
        if (Boolean.TRUE.equals(report.dangerNow())) {
            // Triage on call is told at once, in the app and by mail; the words stay in the report.
            alerts.reportNeedsAttention(organization, onCall.recipients(organization));
        }
        return new Taken(id, new Receipt(code.shown()));
    }

    /**
     * Alerts triage on call that a report was raised to immediate danger, once per report and not at
     * all when it said a child was in danger now (that alerted on arrival). In the caller's transaction
     * and organization scope.
     */
    void raisedToImmediate(UUID organization, UUID report) {
        int first = jdbc.sql("UPDATE report SET urgent_alerted_at = ? WHERE organization_id = ? AND id = ?"
                        + " AND urgent_alerted_at IS NULL AND NOT danger_now")
                .params(Timestamp.from(clock.instant()), organization, report)
                .update();
        if (first == 1) {
            alerts.reportNeedsAttention(organization, onCall.recipients(organization));
        }
    }

    /** The report's status and messages, for the person holding its code; empty for a wrong code. */
    @Transactional
    public Optional<ReporterView> open(String typedCode) {
        return find(typedCode).map(found -> {
            OrganizationScope.enter(jdbc, found.organization());
            return jdbc.sql("SELECT status, received_hour FROM report WHERE organization_id = ? AND id = ?")
                    .params(found.organization(), found.report())
                    .query((rs, n) -> new ReporterView(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant(),
                            messages(found.organization(), found.report())))
                    .single();
        });
    }

    /** Adds the reporter's message (their hour only); false for a wrong code. */
    @Transactional
    public boolean reply(String typedCode, String text) {
        Optional<Found> found = find(typedCode);
        if (found.isEmpty()) {
            return false;
        }
        if (text == null || text.isBlank() || text.length() > 5_000) {
            throw new Refusal(Status.UNPROCESSABLE, "report.message.invalid");
        }
        OrganizationScope.enter(jdbc, found.get().organization());
        addMessage(found.get().organization(), found.get().report(), "FROM_REPORTER", null, text.strip());
        return true;
    }

    /** Staff ask the person who reported a question; they read it with their code. */
    @Transactional
    public void ask(CurrentUser staff, UUID report, String text) {
        require(staff);
        if (text == null || text.isBlank() || text.length() > 5_000) {
            throw new Refusal(Status.UNPROCESSABLE, "report.message.invalid");
        }
        exists(staff, report);
        UUID id = addMessage(staff.organizationId(), report, "TO_REPORTER", staff.id(), text.strip());
        jdbc.sql("UPDATE report SET decision = coalesce(decision, 'ASK_REPORTER'),"
                        + " status = CASE status WHEN 'RECEIVED' THEN 'UNDER_REVIEW' ELSE status END"
                        + " WHERE organization_id = ? AND id = ?")
                .params(staff.organizationId(), report)
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(staff.id(), staff.organizationId())
                .on(MESSAGES, id)
                .detail("report", report.toString())
                .build());
    }

    /** The conversation as staff see it; the read is audited. */
    @Transactional
    public List<Message> conversation(CurrentUser staff, UUID report) {
        require(staff);
        exists(staff, report);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(staff.id(), staff.organizationId())
                .on(TABLE, report)
                .fields(List.of("messages"))
                .build());
        return messages(staff.organizationId(), report);
    }

    private record Found(UUID organization, UUID report) {}

    private Optional<Found> find(String typedCode) {
        return ReceiptCodes.parse(typedCode)
                .flatMap(code -> jdbc.sql(
                                "SELECT organization_id, report_id, secret_hash FROM report_receipt WHERE handle = ?")
                        .param(code.handle())
                        .query((rs, n) -> ReceiptCodes.matches(code, rs.getString(3))
                                ? new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))
                                : null)
                        .optional());
    }

    private UUID addMessage(UUID organization, UUID report, String direction, UUID author, String text) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO report_message (id, organization_id, report_id, direction, body, author_id, sent_hour)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        organization,
                        report,
                        direction,
                        seal(organization, MESSAGES, "body", id, text),
                        author,
                        hour())
                .update();
        return id;
    }

    /** Refuses as not found a report the organization does not have (the caller scopes). */
    void requireExists(UUID organization, UUID report) {
        boolean found = jdbc.sql("SELECT count(*) FROM report WHERE organization_id = ? AND id = ?")
                        .params(organization, report)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!found) {
            throw new Refusal(Status.NOT_FOUND, "intake.notFound");
        }
    }

    /** What a report says, decrypted (the caller checks permission, scopes and audits). */
    PublicReport contentOf(UUID organization, UUID report) {
        byte[] content = jdbc.sql("SELECT content FROM report WHERE organization_id = ? AND id = ?")
                .params(organization, report)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.notFound"));
        String json =
                cipher.open(organization, new Cell(TABLE, "content", report), EncryptedText.fromDatabase(content));
        return JSON.readValue(json, PublicReport.class);
    }

    /** The conversation of a report, oldest first (the caller audits and scopes). */
    List<Message> messagesOf(UUID organization, UUID report) {
        return messages(organization, report);
    }

    private List<Message> messages(UUID organization, UUID report) {
        return jdbc.sql("SELECT id, direction, body, sent_hour FROM report_message WHERE organization_id = ?"
                        + " AND report_id = ? ORDER BY seq")
                .params(organization, report)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Message(
                            rs.getString(2),
                            cipher.open(
                                    organization,
                                    new Cell(MESSAGES, "body", id),
                                    EncryptedText.fromDatabase(rs.getBytes(3))),
                            rs.getTimestamp(4).toInstant());
                })
                .list();
    }

    private void exists(CurrentUser staff, UUID report) {
        requireExists(staff.organizationId(), report);
    }

    private void require(CurrentUser staff) {
        if (!staff.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, staff.organizationId());
    }

    private byte[] seal(UUID organization, String table, String column, UUID id, String text) {
        return cipher.seal(organization, new Cell(table, column, id), text).bytes();
    }

    /** The current hour: all the time a report keeps of when it was made. */
    private Timestamp hour() {
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.HOURS));
    }

    /** The province given, or the one the chosen district lies in. */
    static String province(PublicReport report) {
        String given = blank(report.province());
        return given != null
                ? given
                : org.haven.cases.Vocabulary.findDistrict(report.district())
                        .map(org.haven.cases.Vocabulary.District::province)
                        .orElse(null);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String country(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
