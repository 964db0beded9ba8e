package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.cases.Vocabulary.ServiceStatus;
import org.haven.cases.Vocabulary.ServiceType;
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
 * The care plan: goals tied to the assessed needs, and services (type, provider, owner, due date,
 * status) toward them. A plan is submitted, then approved by a supervisor; adding to an approved plan
 * makes it a draft again, to be approved anew.
 */
@Service
public class CarePlans {

    public record GoalInput(
            @NotBlank @Size(max = 40) String need,
            @NotBlank @Size(max = 2_000) String description) {}

    public record ServiceInput(
            UUID goalId,
            @NotBlank @Size(max = 40) String type,
            @Size(max = 300) String provider,
            UUID ownerId,
            @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String dueOn) {}

    public record ServiceUpdate(
            @NotBlank @Pattern(regexp = "PLANNED|IN_PROGRESS|DELIVERED|CANCELLED")
            String status) {}

    public record Goal(UUID id, String need, String description, String status) {}

    public record CareService(
            UUID id,
            UUID goalId,
            String type,
            String provider,
            UUID ownerId,
            LocalDate dueOn,
            String status,
            boolean overdue,
            int version) {}

    public record Plan(
            String status, Instant approvedAt, UUID approvedBy, List<Goal> goals, List<CareService> services) {}

    static final String GOALS = "care_goal";
    static final String SERVICES = "care_service";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final CaseJournal journal;
    private final StaffDirectory staff;
    private final Alerts alerts;
    private final Clock clock;

    CarePlans(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            CaseJournal journal,
            StaffDirectory staff,
            Alerts alerts,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.journal = journal;
        this.staff = staff;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Transactional
    public UUID addGoal(CurrentUser actor, UUID caseId, GoalInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        String need =
                Vocabulary.code(Assessments.Domain.class, input.need(), "need").name();
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO care_goal (id, organization_id, case_id, need, description, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        file.organizationId(),
                        caseId,
                        need,
                        cipher.seal(file.organizationId(), GOALS, "description", id, input.description()),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        changed(actor, file, "GOAL_ADDED", GOALS, id);
        return id;
    }

    @Transactional
    public UUID addService(CurrentUser actor, UUID caseId, ServiceInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        String type = Vocabulary.code(ServiceType.class, input.type(), "type").name();
        if (input.goalId() != null
                && goals(file.organizationId(), caseId).stream().noneMatch(g -> g.id().equals(input.goalId()))) {
            throw new Refusal(Status.UNPROCESSABLE, "plan.goal.unknown");
        }
        if (input.ownerId() != null
                && staff.member(file.organizationId(), input.ownerId()).isEmpty()) {
            throw new Refusal(Status.UNPROCESSABLE, "plan.owner.unknown");
        }
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO care_service (id, organization_id, case_id, goal_id, type, provider, owner_id, due_on,
                            created_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        file.organizationId(),
                        caseId,
                        input.goalId(),
                        type,
                        cipher.seal(file.organizationId(), SERVICES, "provider", id, input.provider()),
                        input.ownerId() == null ? actor.id() : input.ownerId(),
                        input.dueOn() == null || input.dueOn().isBlank() ? null : LocalDate.parse(input.dueOn()),
                        actor.id(),
                        now,
                        now)
                .update();
        changed(actor, file, "SERVICE_ADDED", SERVICES, id);
        return id;
    }

    /** Changes a service's status if it is still at {@code expectedVersion}. */
    @Transactional
    public void updateService(
            CurrentUser actor, UUID caseId, UUID serviceId, int expectedVersion, ServiceUpdate update) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        ServiceStatus status = Vocabulary.code(ServiceStatus.class, update.status(), "status");
        int changed = jdbc.sql("UPDATE care_service SET status = ?, updated_at = ?, version = version + 1"
                        + " WHERE organization_id = ? AND case_id = ? AND id = ? AND version = ?")
                .params(
                        status.name(),
                        Timestamp.from(clock.instant()),
                        file.organizationId(),
                        caseId,
                        serviceId,
                        expectedVersion)
                .update();
        if (changed != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "case.stale");
        }
        journal.changed(
                actor,
                file,
                "SERVICE_" + status.name(),
                SERVICES,
                serviceId,
                List.of("status"),
                null,
                "to",
                status.name());
    }

    /** Submits the plan for approval; it needs at least one goal and one service. */
    @Transactional
    public void submit(CurrentUser actor, UUID caseId, int expectedVersion) {
        CaseFile file = expect(access.load(actor, caseId, Permission.CASE_WRITE), expectedVersion);
        Plan plan = plan(file);
        if (plan.goals().isEmpty() || plan.services().isEmpty()) {
            throw new Refusal(Status.CONFLICT, "plan.incomplete");
        }
        if (file.planStatus().equals("SUBMITTED") || file.planStatus().equals("APPROVED")) {
            throw new Refusal(Status.CONFLICT, "plan.alreadySubmitted");
        }
        file.planStatus = "SUBMITTED";
        save(actor, file, "PLAN_SUBMITTED");
        alerts.raise(file.organizationId(), supervisors(file), caseId, file.reference(), Alerts.Kind.APPROVAL_WAITING);
    }

    /** A supervisor approves the submitted plan. */
    @Transactional
    public void approve(CurrentUser actor, UUID caseId, int expectedVersion) {
        CaseFile file = expect(access.load(actor, caseId, Permission.CASE_APPROVE), expectedVersion);
        if (!file.planStatus().equals("SUBMITTED")) {
            throw new Refusal(Status.CONFLICT, "plan.notSubmitted");
        }
        file.planStatus = "APPROVED";
        file.planApprovedBy = actor.id();
        file.planApprovedAt = clock.instant();
        save(actor, file, "PLAN_APPROVED");
    }

    @Transactional
    public Plan of(CurrentUser actor, UUID caseId) {
        return plan(access.load(actor, caseId, Permission.CASE_READ));
    }

    Plan plan(CaseFile file) {
        return new Plan(
                file.planStatus(),
                file.planApprovedAt(),
                file.planApprovedBy(),
                goals(file.organizationId(), file.id()),
                services(file.organizationId(), file.id()));
    }

    List<UUID> supervisors(CaseFile file) {
        return staff.holding(file.organizationId(), file.teamId(), Permission.CASE_APPROVE).stream()
                .map(StaffDirectory.Member::id)
                .toList();
    }

    private List<Goal> goals(UUID organization, UUID caseId) {
        return jdbc.sql("SELECT * FROM care_goal WHERE organization_id = ? AND case_id = ? ORDER BY created_at, id")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Goal(
                            id,
                            rs.getString("need"),
                            cipher.open(organization, GOALS, "description", id, rs.getBytes("description")),
                            rs.getString("status"));
                })
                .list();
    }

    private List<CareService> services(UUID organization, UUID caseId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT * FROM care_service WHERE organization_id = ? AND case_id = ? ORDER BY created_at, id")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    LocalDate due = rs.getObject("due_on", LocalDate.class);
                    String status = rs.getString("status");
                    boolean open = status.equals("PLANNED") || status.equals("IN_PROGRESS");
                    return new CareService(
                            id,
                            rs.getObject("goal_id", UUID.class),
                            rs.getString("type"),
                            cipher.open(organization, SERVICES, "provider", id, rs.getBytes("provider")),
                            rs.getObject("owner_id", UUID.class),
                            due,
                            status,
                            open && due != null && due.isBefore(today),
                            rs.getInt("version"));
                })
                .list();
    }

    /** A new goal or service turns an approved plan back into a draft. */
    private void changed(CurrentUser actor, CaseFile file, String kind, String table, UUID id) {
        journal.created(actor, file, kind, table, id, null);
        if (!file.planStatus().equals("DRAFT")) {
            file.planStatus = "DRAFT";
            file.planApprovedAt = null;
            file.planApprovedBy = null;
            file.updatedAt = clock.instant();
            files.update(file);
        }
    }

    private void save(CurrentUser actor, CaseFile file, String kind) {
        file.updatedAt = clock.instant();
        files.update(file);
        journal.changed(
                actor, file, kind, CaseFile.TABLE, file.id(), List.of("plan_status"), null, "to", file.planStatus());
    }

    static CaseFile expect(CaseFile file, int expectedVersion) {
        if (file.version() != expectedVersion) {
            throw new Refusal(Status.PRECONDITION_FAILED, "case.stale");
        }
        return file;
    }
}
