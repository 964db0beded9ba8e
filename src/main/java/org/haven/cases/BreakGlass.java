package org.haven.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency access to one case of the organization outside one's scope: a written reason, a time box
 * (an hour unless asked for less, four hours at most), an alert to the organization's administrators,
 * and an audit event; every read under it is audited as such.
 */
@Service
public class BreakGlass {

    public record Request(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(min = 20, max = 2_000) String reason,
            @Min(5) @Max(240) Integer minutes) {}

    public record Grant(UUID caseId, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final Timeline timeline;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Alerts alerts;
    private final Clock clock;

    BreakGlass(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            Timeline timeline,
            AuditTrail audit,
            StaffDirectory staff,
            Alerts alerts,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.timeline = timeline;
        this.audit = audit;
        this.staff = staff;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Transactional
    public Grant open(CurrentUser actor, Request request) {
        access.require(actor, Permission.BREAK_GLASS);
        if (request.reason() == null || request.reason().strip().length() < 20) {
            throw new Refusal(Status.UNPROCESSABLE, "breakGlass.reason");
        }
        UUID organization = actor.organizationId();
        UUID caseId = files.idOf(organization, request.reference())
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "case.notFound"));
        CaseFile file = files.find(organization, caseId).orElseThrow();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofMinutes(request.minutes() == null ? 60 : request.minutes()));
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO break_glass (id, organization_id, user_id, case_id, reason, granted_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        organization,
                        actor.id(),
                        caseId,
                        cipher.seal(organization, "break_glass", "reason", id, request.reason()),
                        Timestamp.from(now),
                        Timestamp.from(expires))
                .update();
        timeline.add(organization, caseId, "BREAK_GLASS", actor.id(), id, null);
        audit.record(AuditEntry.of(AuditAction.BREAK_GLASS)
                .by(actor.id(), organization)
                .on(CaseFile.TABLE, caseId)
                .detail("reason", request.reason().strip())
                .detail("expiresAt", expires.toString())
                .build());
        List<UUID> administrators = staff.holding(organization, null, Permission.USER_MANAGE).stream()
                .map(StaffDirectory.Member::id)
                .toList();
        alerts.raise(organization, administrators, caseId, file.reference(), Alerts.Kind.BREAK_GLASS);
        return new Grant(caseId, expires);
    }
}
