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
import org.haven.cases.Vocabulary.FlagKind;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Flags on a case (with a reason, until cleared) and tasks with a due date for one member of staff. */
@Service
public class WorkItems {

    public record FlagInput(
            @NotBlank @Size(max = 40) String kind,
            @NotBlank @Size(max = 2_000) String reason) {}

    public record TaskInput(
            @NotBlank @Size(max = 300) String title,
            UUID assigneeId,

            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}")
            String dueOn) {}

    public record Flag(UUID id, String kind, String reason, UUID raisedBy, Instant raisedAt) {}

    public record Task(
            UUID id, UUID caseId, String title, UUID assigneeId, LocalDate dueOn, Instant doneAt, boolean overdue) {}

    static final String FLAGS = "case_flag";
    static final String TASKS = "case_task";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final CaseJournal journal;
    private final StaffDirectory staff;
    private final Clock clock;

    WorkItems(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            CaseJournal journal,
            StaffDirectory staff,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.journal = journal;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public UUID raise(CurrentUser actor, UUID caseId, FlagInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        return raise(file, actor, Vocabulary.code(FlagKind.class, input.kind(), "kind"), input.reason());
    }

    UUID raise(CaseFile file, CurrentUser actor, FlagKind kind, String reason) {
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO case_flag (id, organization_id, case_id, kind, reason, raised_by, raised_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        file.organizationId(),
                        file.id(),
                        kind.name(),
                        cipher.seal(file.organizationId(), FLAGS, "reason", id, reason),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(actor, file, "FLAG_RAISED", FLAGS, id, kind.name());
        return id;
    }

    @Transactional
    public void clear(CurrentUser actor, UUID caseId, UUID flagId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        int cleared = jdbc.sql("UPDATE case_flag SET cleared_by = ?, cleared_at = ? WHERE organization_id = ?"
                        + " AND case_id = ? AND id = ? AND cleared_at IS NULL")
                .params(actor.id(), Timestamp.from(clock.instant()), file.organizationId(), caseId, flagId)
                .update();
        if (cleared != 1) {
            throw new Refusal(Status.NOT_FOUND, "flag.notFound");
        }
        journal.changed(actor, file, "FLAG_CLEARED", FLAGS, flagId, List.of("cleared_at"), null);
    }

    @Transactional
    public List<Flag> flags(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        return jdbc.sql("SELECT * FROM case_flag WHERE organization_id = ? AND case_id = ? AND cleared_at IS NULL"
                        + " ORDER BY raised_at")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Flag(
                            id,
                            rs.getString("kind"),
                            cipher.open(organization, FLAGS, "reason", id, rs.getBytes("reason")),
                            rs.getObject("raised_by", UUID.class),
                            rs.getTimestamp("raised_at").toInstant());
                })
                .list();
    }

    /** A task on a case for someone in the organization (the actor when no one is named). */
    @Transactional
    public UUID addTask(CurrentUser actor, UUID caseId, TaskInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        UUID assignee = input.assigneeId() == null ? actor.id() : input.assigneeId();
        if (staff.member(file.organizationId(), assignee).isEmpty()) {
            throw new Refusal(Status.UNPROCESSABLE, "task.assignee.unknown");
        }
        UUID id = Ids.next();
        jdbc.sql(
                        "INSERT INTO case_task (id, organization_id, case_id, title, assignee_id, due_on, created_by, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        file.organizationId(),
                        caseId,
                        cipher.seal(file.organizationId(), TASKS, "title", id, input.title()),
                        assignee,
                        LocalDate.parse(input.dueOn()),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(actor, file, "TASK_ADDED", TASKS, id, null);
        return id;
    }

    /** Marks a task done: its assignee, or anyone who may change its case. */
    @Transactional
    public void complete(CurrentUser actor, UUID taskId) {
        access.require(actor, Permission.CASE_WRITE);
        Task task = task(actor.organizationId(), taskId);
        CaseFile file = actor.id().equals(task.assigneeId())
                ? files.find(actor.organizationId(), task.caseId()).orElseThrow()
                : access.load(actor, task.caseId(), Permission.CASE_WRITE);
        jdbc.sql("UPDATE case_task SET done_at = ? WHERE organization_id = ? AND id = ? AND done_at IS NULL")
                .params(Timestamp.from(clock.instant()), actor.organizationId(), taskId)
                .update();
        journal.changed(actor, file, "TASK_DONE", TASKS, taskId, List.of("done_at"), null);
    }

    /** The actor's open tasks, soonest due first. */
    @Transactional
    public List<Task> myTasks(CurrentUser actor) {
        access.require(actor, Permission.CASE_READ);
        return tasks(actor.organizationId(), "assignee_id = ? AND done_at IS NULL", actor.id());
    }

    @Transactional
    public List<Task> tasksOf(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        return tasks(file.organizationId(), "case_id = ?", caseId);
    }

    private Task task(UUID organization, UUID id) {
        return tasks(organization, "id = ?", id).stream()
                .findFirst()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "task.notFound"));
    }

    private List<Task> tasks(UUID organization, String condition, UUID value) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT * FROM case_task WHERE organization_id = ? AND " + condition + " ORDER BY due_on, id")
                .params(organization, value)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    LocalDate due = rs.getObject("due_on", LocalDate.class);
                    Timestamp done = rs.getTimestamp("done_at");
                    return new Task(
                            id,
                            rs.getObject("case_id", UUID.class),
                            cipher.open(organization, TASKS, "title", id, rs.getBytes("title")),
                            rs.getObject("assignee_id", UUID.class),
                            due,
                            done == null ? null : done.toInstant(),
                            done == null && due.isBefore(today));
                })
                .list();
    }
}
