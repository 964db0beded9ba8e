package org.haven.intake;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Alerts;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The triage queue: reports ordered by urgency (a child in danger now first), read and classified by
 * triage officers with a deadline clock, and reports taken by hotline operators on the phone, by
 * messenger or in person. Every read and change is audited.
 */
@Service
public class Triage {

    /** One line of the queue: never the report's words, only what decides its place. */
    public record Row(
            UUID id,
            String channel,
            Instant receivedHour,
            boolean dangerNow,
            String urgency,
            String category,
            String status,
            String province,
            String district,
            Instant deadline,
            boolean late,
            String decision) {}

    /** A report as triage reads it. */
    public record Detail(Row row, PublicReport content, List<Reports.Message> messages, int version) {}

    /** A triage decision; null fields are left as they are. */
    public record Classification(
            @Pattern(regexp = "|IMMEDIATE|HIGH|NORMAL|LOW") String urgency,

            @Pattern(
                    regexp =
                            "|CHILD_SEX_TRAFFICKING|CHILD_SEX_TOURISM|ONLINE_EXPLOITATION|ABUSE_MATERIAL|FORCED_LABOUR_BEGGING|OTHER")
            String category,

            @Size(max = 6) String province,
            @Size(max = 200) String district,

            @Pattern(regexp = "|RECEIVED|UNDER_REVIEW|PASSED_TO_PARTNER|CLOSED")
            String status) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Reports reports;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration immediate;
    private final Alerts alerts;
    private final StaffDirectory staff;

    Triage(
            JdbcClient jdbc,
            FieldCipher cipher,
            Reports reports,
            AuditTrail audit,
            Clock clock,
            Alerts alerts,
            StaffDirectory staff,
            @Value("${haven.intake.acknowledge-immediate:15m}") Duration immediate) {
        this.alerts = alerts;
        this.staff = staff;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
        this.immediate = immediate;
    }

    /** Open reports, most urgent first: danger now or immediate, then by urgency, then oldest. */
    @Transactional
    public List<Row> queue(CurrentUser actor) {
        require(actor, Permission.REPORT_TRIAGE);
        List<Row> rows = jdbc.sql("""
                        SELECT * FROM report WHERE organization_id = ? AND status <> 'CLOSED'
                        ORDER BY (danger_now OR coalesce(urgency = 'IMMEDIATE', false)) DESC,
                                 CASE urgency WHEN 'IMMEDIATE' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2
                                              WHEN 'LOW' THEN 3 ELSE 1 END,
                                 received_hour, id
                        LIMIT 200
                        """)
                .param(actor.organizationId())
                .query((rs, n) -> row(rs))
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(Reports.TABLE, null)
                .detail("list", "triage")
                .detail("results", rows.size())
                .build());
        return rows;
    }

    /** How many open reports there are, and how many say a child is in danger now: counts only. */
    record Counts(long urgent, long open) {}

    @Transactional
    Counts counts(CurrentUser actor) {
        require(actor, Permission.REPORT_TRIAGE);
        return jdbc.sql("SELECT count(*) FILTER (WHERE danger_now OR urgency = 'IMMEDIATE'), count(*) FROM report"
                        + " WHERE organization_id = ? AND status <> 'CLOSED'")
                .param(actor.organizationId())
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** One report, its words decrypted; the read is audited and acknowledges the report. */
    @Transactional
    public Detail read(CurrentUser actor, UUID id) {
        require(actor, Permission.REPORT_TRIAGE);
        record Stored(Row row, int version) {}
        Stored stored = jdbc.sql("SELECT * FROM report WHERE organization_id = ? AND id = ?")
                .params(actor.organizationId(), id)
                .query((rs, n) -> new Stored(row(rs), rs.getInt("version")))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.notFound"));
        jdbc.sql(
                        "UPDATE report SET acknowledged_at = ? WHERE organization_id = ? AND id = ? AND acknowledged_at IS NULL")
                .params(Timestamp.from(clock.instant()), actor.organizationId(), id)
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(Reports.TABLE, id)
                .fields(List.of("content"))
                .build());
        return new Detail(
                stored.row(),
                reports.contentOf(actor.organizationId(), id),
                reports.messagesOf(actor.organizationId(), id),
                stored.version());
    }

    /**
     * Classifies a report if nobody changed it since {@code version}; immediate danger gets a deadline
     * to be acted on ({@code haven.intake.acknowledge-immediate}, 15 minutes by default).
     */
    @Transactional
    public void classify(CurrentUser actor, UUID id, int version, Classification decision) {
        require(actor, Permission.REPORT_TRIAGE);
        String province = blank(decision.province());
        if (province != null && !org.haven.cases.Vocabulary.PROVINCES.contains(province)) {
            throw new Refusal(Status.UNPROCESSABLE, "intake.province.invalid");
        }
        String district = district(actor, id, province, blank(decision.district()));
        String urgency = blank(decision.urgency());
        Timestamp deadline =
                "IMMEDIATE".equals(urgency) ? Timestamp.from(clock.instant().plus(immediate)) : null;
        int updated = jdbc.sql("""
                        UPDATE report SET urgency = coalesce(?, urgency), category = coalesce(?, category),
                            province = coalesce(?, province), district = ?,
                            status = coalesce(?, status), deadline_at = coalesce(?, deadline_at),
                            version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ?
                        """)
                .params(
                        urgency,
                        blank(decision.category()),
                        province,
                        district,
                        blank(decision.status()),
                        deadline,
                        actor.organizationId(),
                        id,
                        version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "intake.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(Reports.TABLE, id)
                .fields(List.of("urgency", "category", "province", "district", "status"))
                .detail("urgency", String.valueOf(urgency))
                .detail("status", String.valueOf(blank(decision.status())))
                .build());
        if ("IMMEDIATE".equals(urgency)) {
            reports.raisedToImmediate(actor.organizationId(), id);
        }
    }

    /**
     * Triage's decision on a report, besides classifying, asking and routing: NO_ACTION and DUPLICATE
     * (of {@code duplicateOf}) close it; OPEN_CASE hands it to the organization's case team with a
     * short note of what they need to know.
     */
    public record Decision(
            @Pattern(regexp = "NO_ACTION|DUPLICATE|OPEN_CASE")
            String decision,

            UUID duplicateOf,
            @Size(max = 2_000) String note) {}

    @Transactional
    public void decide(CurrentUser actor, UUID id, int version, Decision decision) {
        require(actor);
        UUID organization = actor.organizationId();
        String kind = decision.decision() == null ? "" : decision.decision();
        String status = null;
        UUID duplicateOf = null;
        byte[] note = null;
        switch (kind) {
            case "NO_ACTION" -> status = "CLOSED";
            case "DUPLICATE" -> {
                duplicateOf = decision.duplicateOf();
                if (duplicateOf == null || duplicateOf.equals(id)) {
                    throw new Refusal(Status.UNPROCESSABLE, "triage.duplicate.invalid");
                }
                reports.requireExists(organization, duplicateOf);
                status = "CLOSED";
            }
            case "OPEN_CASE" -> {
                String text = blank(decision.note());
                if (text == null) {
                    throw new Refusal(Status.UNPROCESSABLE, "triage.caseNote.required");
                }
                note = cipher.seal(organization, new Cell(Reports.TABLE, "case_note", id), text)
                        .bytes();
            }
            default -> throw new Refusal(Status.UNPROCESSABLE, "triage.decision.invalid");
        }
        int updated = jdbc.sql("""
                        UPDATE report SET decision = ?, status = coalesce(?, status), duplicate_of = ?,
                            case_note = coalesce(?, case_note), version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ?
                        """)
                .params(kind, status, duplicateOf, note, organization, id, version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "intake.stale");
        }
        if (duplicateOf != null) {
            // What the original is linked to, the repeat is too.
            jdbc.sql("""
                            INSERT INTO incident_report (organization_id, incident_id, report_id, linked_by, linked_at)
                            SELECT organization_id, incident_id, ?, ?, ? FROM incident_report
                            WHERE organization_id = ? AND report_id = ? ON CONFLICT DO NOTHING
                            """)
                    .params(id, actor.id(), Timestamp.from(clock.instant()), organization, duplicateOf)
                    .update();
        }
        if (note != null) {
            alerts.reportWaitsForCase(
                    organization,
                    staff.holding(organization, null, Permission.CASE_ASSIGN).stream()
                            .map(StaffDirectory.Member::id)
                            .toList());
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(Reports.TABLE, id)
                .fields(note == null ? List.of("decision", "status") : List.of("decision", "case_note"))
                .detail("decision", kind)
                .build());
    }

    /**
     * The district a classification leaves: the one chosen, which must lie in the province (the one chosen
     * or the one the report has); else the report's own, unless it is a district of another province
     * than a newly chosen one. Text typed before there was a list is kept.
     */
    private String district(CurrentUser actor, UUID id, String province, String chosen) {
        record Place(String province, String district) {}
        Place stored = jdbc.sql("SELECT province, district FROM report WHERE organization_id = ? AND id = ? FOR UPDATE")
                .params(actor.organizationId(), id)
                .query((rs, n) -> new Place(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.notFound"));
        String placeProvince = province != null ? province : stored.province();
        if (chosen != null) {
            if (!org.haven.cases.Vocabulary.isDistrictOf(placeProvince, chosen)) {
                throw new Refusal(Status.UNPROCESSABLE, "intake.district.invalid");
            }
            return chosen;
        }
        boolean codeElsewhere = stored.district() != null
                && org.haven.cases.Vocabulary.findDistrict(stored.district()).isPresent()
                && !org.haven.cases.Vocabulary.isDistrictOf(placeProvince, stored.district());
        return codeElsewhere ? null : stored.district();
    }

    /**
     * A report taken by a hotline operator (phone, messenger, walk-in), with the operator as author;
     * the caller gets a receipt code too, to call back about it.
     */
    @Transactional
    public Reports.Receipt intake(CurrentUser operator, PublicReport report, String channel) {
        require(operator, Permission.REPORT_INTAKE);
        if (!List.of("PHONE", "MESSENGER", "WALK_IN").contains(channel)) {
            throw new Refusal(Status.UNPROCESSABLE, "intake.channel.invalid");
        }
        Reports.Taken taken =
                reports.store(operator.organizationId(), report, operator.language(), channel, operator.id());
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(operator.id(), operator.organizationId())
                .on(Reports.TABLE, taken.id())
                .detail("channel", channel)
                .build());
        return taken.receipt();
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp deadline = rs.getTimestamp("deadline_at");
        Instant now = clock.instant();
        // Late: the deadline passed and nobody acted (decided, routed or closed); asking is not acting.
        String decision = rs.getString("decision");
        String status = rs.getString("status");
        boolean late = deadline != null
                && deadline.toInstant().isBefore(now)
                && (status.equals("RECEIVED") || status.equals("UNDER_REVIEW"))
                && (decision == null || decision.equals("ASK_REPORTER"));
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("channel"),
                rs.getTimestamp("received_hour").toInstant(),
                rs.getBoolean("danger_now"),
                rs.getString("urgency"),
                rs.getString("category"),
                rs.getString("status"),
                rs.getString("province"),
                rs.getString("district"),
                deadline == null ? null : deadline.toInstant().truncatedTo(ChronoUnit.MINUTES),
                late,
                rs.getString("decision"));
    }

    private void require(CurrentUser actor) {
        require(actor, Permission.REPORT_TRIAGE);
    }

    private void require(CurrentUser actor, Permission permission) {
        if (!actor.can(permission)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
