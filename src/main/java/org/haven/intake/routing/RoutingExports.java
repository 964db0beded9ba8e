package org.haven.intake.routing;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.CaseExports;
import org.haven.cases.DocumentFile;
import org.haven.cases.documents.ExportArchive;
import org.haven.cases.documents.ExportFormat;
import org.haven.cases.documents.Table;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The summary of a routing to a partner outside Haven, as a password-protected archive (AES-256 ZIP
 * holding {@code referral.json} and {@code referral.csv}) for the triage officer to send; the password
 * travels by another channel. Partners inside Haven read their queue instead. Audited as an export.
 */
@Service
public class RoutingExports {

    static final List<String> COLUMNS =
            List.of("category", "urgency", "province", "sent_at", "acknowledge_by", "summary");

    private final JdbcClient jdbc;
    private final Routings routings;
    private final AuditTrail audit;
    private final Clock clock;

    RoutingExports(JdbcClient jdbc, Routings routings, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.routings = routings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The archive; refused for a password shorter than 12 characters or a partner inside Haven. */
    @Transactional
    public DocumentFile export(CurrentUser actor, UUID routing, char[] password) {
        if (!actor.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
        CaseExports.checkPassword(password);
        Routings.RoutingView view = routings.find(actor, routing);
        if (!"OUTSIDE".equals(view.partnerKind())) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.export.inside");
        }
        if ("WITHDRAWN".equals(view.status())) {
            throw new Refusal(Status.UNPROCESSABLE, "routing.export.withdrawn");
        }
        record Codes(String category, String urgency, String province) {}
        Codes codes = jdbc.sql("SELECT category, urgency, province FROM routing WHERE organization_id = ? AND id = ?")
                .params(actor.organizationId(), routing)
                .query((rs, n) -> new Codes(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        Table table = new Table(
                "referral",
                COLUMNS,
                List.of(Arrays.asList(
                        codes.category(),
                        codes.urgency(),
                        codes.province(),
                        DateTimeFormatter.ISO_INSTANT.format(view.sentAt()),
                        DateTimeFormatter.ISO_INSTANT.format(view.acknowledgeBy()),
                        view.summary())));
        byte[] archive =
                ExportArchive.toBytes(List.of(table), EnumSet.of(ExportFormat.JSON, ExportFormat.CSV), password);
        audit.record(AuditEntry.of(AuditAction.EXPORT)
                .by(actor.id(), actor.organizationId())
                .on(Routings.TABLE, routing)
                .fields(COLUMNS)
                .detail("partner", view.partnerId().toString())
                .build());
        return new DocumentFile(
                "haven-referral-"
                        + DateTimeFormatter.ISO_LOCAL_DATE.format(
                                clock.instant().atZone(java.time.ZoneOffset.UTC))
                        + ".zip",
                "application/zip",
                archive);
    }
}
