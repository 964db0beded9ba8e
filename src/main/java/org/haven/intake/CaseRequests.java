package org.haven.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.CaseDetails;
import org.haven.cases.Cases;
import org.haven.cases.NewCase;
import org.haven.cases.PersonInput;
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

/**
 * Reports triage handed to the case team ("open a case"): the team sees the codes and triage's short
 * note, never the reporter's words or messages, and opens the child's case from it; the case is then
 * linked to the report and to the incidents the report is linked to.
 */
@Service
public class CaseRequests {

    /** A report waiting for a case, as the case team sees it. */
    public record Waiting(
            UUID id,
            Instant receivedHour,
            String category,
            String urgency,
            String province,
            String district,
            Integer childrenCount) {}

    /** One hand-over: the report's codes, triage's note, and the incidents it is linked to. */
    public record Request(Waiting report, String note, List<String> incidents, UUID caseId) {}

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Cases cases;
    private final AuditTrail audit;

    CaseRequests(JdbcClient jdbc, FieldCipher cipher, Cases cases, AuditTrail audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.cases = cases;
        this.audit = audit;
    }

    /** Reports handed over and not yet made a case, oldest first; the list is audited. */
    @Transactional
    public List<Waiting> waiting(CurrentUser actor) {
        require(actor);
        List<Waiting> rows = jdbc.sql("SELECT * FROM report WHERE organization_id = ? AND decision = 'OPEN_CASE'"
                        + " AND case_id IS NULL ORDER BY danger_now DESC, received_hour LIMIT 200")
                .param(actor.organizationId())
                .query((rs, n) -> waiting(rs))
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(Reports.TABLE, null)
                .detail("list", "case-requests")
                .detail("results", rows.size())
                .build());
        return rows;
    }

    /** How many reports wait for a case: a count, for the home page. */
    @Transactional
    public long count(CurrentUser actor) {
        require(actor);
        return jdbc.sql("SELECT count(*) FROM report WHERE organization_id = ? AND decision = 'OPEN_CASE'"
                        + " AND case_id IS NULL")
                .param(actor.organizationId())
                .query(Long.class)
                .single();
    }

    /** One hand-over with triage's note; the read is audited. */
    @Transactional
    public Request read(CurrentUser actor, UUID id) {
        require(actor);
        UUID organization = actor.organizationId();
        record Stored(Waiting report, byte[] note, UUID caseId) {}
        Stored stored = jdbc.sql("SELECT * FROM report WHERE organization_id = ? AND id = ? AND decision = 'OPEN_CASE'")
                .params(organization, id)
                .query((rs, n) ->
                        new Stored(waiting(rs), rs.getBytes("case_note"), rs.getObject("case_id", UUID.class)))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "intake.notFound"));
        List<String> incidents = jdbc.sql(
                        "SELECT i.reference FROM incident_report l JOIN incident i ON i.id = l.incident_id"
                                + " WHERE l.organization_id = ? AND l.report_id = ? ORDER BY i.reference")
                .params(organization, id)
                .query(String.class)
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), organization)
                .on(Reports.TABLE, id)
                .fields(List.of("case_note"))
                .build());
        String note = stored.note() == null
                ? null
                : cipher.open(
                        organization,
                        new Cell(Reports.TABLE, "case_note", id),
                        EncryptedText.fromDatabase(stored.note()));
        return new Request(stored.report(), note, incidents, stored.caseId());
    }

    /**
     * Opens the child's case from a hand-over (the same duplicate check as any new case: a likely match
     * is refused unless {@code anyway}), then links the case to the report and its incidents.
     */
    @Transactional
    public UUID openCase(CurrentUser actor, UUID id, PersonInput person, boolean anyway) {
        Request request = read(actor, id);
        if (request.caseId() != null) {
            throw new Refusal(Status.CONFLICT, "caseRequest.already");
        }
        Waiting report = request.report();
        CaseDetails details = new CaseDetails(
                null,
                null,
                "FORCED_LABOUR_BEGGING".equals(report.category()) ? List.of("ForcedLabour") : sexual(report.category()),
                null,
                null,
                null,
                report.province() == null ? null : "KH",
                report.province(),
                null,
                null,
                null,
                null);
        UUID caseId = cases.open(actor, new NewCase(person, null, details, anyway));
        UUID organization = actor.organizationId();
        OrganizationScope.enter(jdbc, organization);
        jdbc.sql("UPDATE report SET case_id = ?, version = version + 1 WHERE organization_id = ? AND id = ?")
                .params(caseId, organization, id)
                .update();
        jdbc.sql("""
                        INSERT INTO incident_case (organization_id, incident_id, case_id, linked_by, linked_at)
                        SELECT organization_id, incident_id, ?, ?, now() FROM incident_report
                        WHERE organization_id = ? AND report_id = ? ON CONFLICT DO NOTHING
                        """).params(caseId, actor.id(), organization, id).update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(Reports.TABLE, id)
                .fields(List.of("case_id"))
                .detail("case", caseId.toString())
                .build());
        return caseId;
    }

    private static List<String> sexual(String category) {
        return category == null || "OTHER".equals(category) ? List.of() : List.of("SexualExploitation");
    }

    private static Waiting waiting(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Waiting(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("received_hour").toInstant(),
                rs.getString("category"),
                rs.getString("urgency"),
                rs.getString("province"),
                rs.getString("district"),
                (Integer) rs.getObject("children_count"));
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.CASE_WRITE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }
}
