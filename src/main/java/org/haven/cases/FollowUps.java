package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Vocabulary.Exploitation;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-ups after the child goes home, on the organization's schedule (by default 1, 3, 6, 12, 18
 * and 24 months after reintegration). Each records contact, safety, school or work, health and the
 * re-exploitation check; "re-exploited" or "missing" reopens the case at critical risk and alerts the
 * caseworker and the team's supervisors.
 */
@Service
public class FollowUps {

    public static final List<Integer> DEFAULT_SCHEDULE = List.of(1, 3, 6, 12, 18, 24);

    public record FollowUpInput(
            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}")
            String doneOn,

            @NotBlank @Pattern(regexp = "REACHED|NOT_REACHED")
            String contact,

            @Pattern(regexp = "|SAFE|CONCERNS|UNSAFE") String safety,

            @Pattern(regexp = "|IN_SCHOOL|IN_TRAINING|WORKING|NEITHER")
            String schoolOrWork,

            @Pattern(regexp = "|GOOD|NEEDS_CARE|IN_TREATMENT")
            String health,

            @NotBlank @Pattern(regexp = "NONE|AT_RISK|RE_EXPLOITED|MISSING")
            String exploitation,

            @Size(max = 10_000) String notes) {}

    public record FollowUp(
            UUID id,
            int monthsAfter,
            LocalDate dueOn,
            LocalDate doneOn,
            String contact,
            String safety,
            String schoolOrWork,
            String health,
            String exploitation,
            String notes,
            boolean overdue) {}

    static final String TABLE = "case_follow_up";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final Timeline timeline;
    private final CaseJournal journal;
    private final AuditTrail audit;
    private final CarePlans plans;
    private final Alerts alerts;
    private final Clock clock;

    FollowUps(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            Timeline timeline,
            CaseJournal journal,
            AuditTrail audit,
            CarePlans plans,
            Alerts alerts,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.timeline = timeline;
        this.journal = journal;
        this.audit = audit;
        this.plans = plans;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The organization's schedule, in months after reintegration. */
    List<Integer> schedule(UUID organization) {
        return jdbc.sql("SELECT follow_up_months FROM case_settings WHERE organization_id = ?")
                .param(organization)
                .query((rs, n) -> List.of((Integer[]) rs.getArray(1).getArray()))
                .optional()
                .orElse(DEFAULT_SCHEDULE);
    }

    /** Sets the organization's schedule: 1 to 12 distinct months between 1 and 120, kept in order. */
    @Transactional
    public List<Integer> changeSchedule(CurrentUser actor, List<Integer> months) {
        access.require(actor, Permission.CASE_APPROVE);
        if (months == null
                || months.isEmpty()
                || months.size() > 12
                || months.stream().anyMatch(m -> m == null || m < 1 || m > 120)) {
            throw new Refusal(Status.UNPROCESSABLE, "followUp.schedule.invalid");
        }
        Integer[] sorted = months.stream().distinct().sorted().toArray(Integer[]::new);
        jdbc.sql("INSERT INTO case_settings (organization_id, follow_up_months) VALUES (?, ?)"
                        + " ON CONFLICT (organization_id) DO UPDATE SET follow_up_months = EXCLUDED.follow_up_months,"
                        + " version = case_settings.version + 1")
                .params(actor.organizationId(), sorted)
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on("case_settings", actor.organizationId())
                .fields(List.of("follow_up_months"))
                .detail("months", List.of(sorted).toString())
                .build());
        return List.of(sorted);
    }

    @Transactional
    public List<Integer> scheduleOf(CurrentUser actor) {
        access.require(actor, Permission.CASE_READ);
        return schedule(actor.organizationId());
    }

    /** Plans the follow-ups of a case that went home on {@code reintegratedOn}, unless already planned. */
    void plan(CaseFile file, LocalDate reintegratedOn) {
        List<Integer> planned = jdbc.sql("SELECT months_after FROM case_follow_up WHERE organization_id = ?"
                        + " AND case_id = ? AND done_on IS NULL")
                .params(file.organizationId(), file.id())
                .query(Integer.class)
                .list();
        for (int months : schedule(file.organizationId())) {
            if (!planned.contains(months)) {
                jdbc.sql("INSERT INTO case_follow_up (id, organization_id, case_id, months_after, due_on)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(Ids.next(), file.organizationId(), file.id(), months, reintegratedOn.plusMonths(months))
                        .update();
            }
        }
    }

    /** Records a follow-up that was due; a re-exploitation or disappearance reopens the case. */
    @Transactional
    public void record(CurrentUser actor, UUID caseId, UUID followUpId, FollowUpInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        UUID organization = file.organizationId();
        LocalDate done = CaseDetailsMapping.date(input.doneOn());
        int updated = jdbc.sql("""
                        UPDATE case_follow_up SET done_on = ?, contact = ?, safety = ?, school_or_work = ?, health = ?,
                            exploitation = ?, notes = ?, recorded_by = ?
                        WHERE organization_id = ? AND case_id = ? AND id = ? AND done_on IS NULL
                        """)
                .params(
                        done,
                        input.contact(),
                        blank(input.safety()),
                        blank(input.schoolOrWork()),
                        blank(input.health()),
                        input.exploitation(),
                        cipher.seal(organization, TABLE, "notes", followUpId, input.notes()),
                        actor.id(),
                        organization,
                        caseId,
                        followUpId)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.CONFLICT, "followUp.notOpen");
        }
        Exploitation exploitation = Exploitation.valueOf(input.exploitation());
        journal.changed(
                actor,
                file,
                "FOLLOW_UP_RECORDED",
                TABLE,
                followUpId,
                List.of("done_on", "contact", "safety", "school_or_work", "health", "exploitation", "notes"),
                exploitation.name());
        if (input.contact().equals("REACHED")) {
            file.lastContactAt = clock.instant();
        }
        if (exploitation.reopens()) {
            reopen(actor, file, exploitation);
        }
        file.updatedAt = clock.instant();
        files.update(file);
    }

    private void reopen(CurrentUser actor, CaseFile file, Exploitation exploitation) {
        CaseStage from = file.stage();
        file.stage = CaseStage.ASSESSMENT;
        file.closedAt = null;
        file.closureRequestedAt = null;
        file.closureRequestedBy = null;
        file.closureReason = null;
        file.planStatus = "NONE";
        timeline.add(
                file.organizationId(),
                file.id(),
                "REOPENED",
                actor.id(),
                null,
                from + ">" + CaseStage.ASSESSMENT + "/" + exploitation);
        if (file.risk() != RiskLevel.CRITICAL) {
            timeline.add(
                    file.organizationId(),
                    file.id(),
                    "RISK_CHANGED",
                    actor.id(),
                    null,
                    file.risk() + ">" + RiskLevel.CRITICAL);
            file.risk = RiskLevel.CRITICAL;
        }
        List<UUID> told = new ArrayList<>(plans.supervisors(file));
        told.add(file.caseworkerId());
        alerts.raise(file.organizationId(), told, file.id(), file.reference(), Alerts.Kind.CASE_REOPENED);
    }

    @Transactional
    public List<FollowUp> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        return list(file.organizationId(), caseId);
    }

    List<FollowUp> list(UUID organization, UUID caseId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT * FROM case_follow_up WHERE organization_id = ? AND case_id = ? ORDER BY due_on")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    LocalDate due = rs.getObject("due_on", LocalDate.class);
                    LocalDate done = rs.getObject("done_on", LocalDate.class);
                    return new FollowUp(
                            id,
                            rs.getInt("months_after"),
                            due,
                            done,
                            rs.getString("contact"),
                            rs.getString("safety"),
                            rs.getString("school_or_work"),
                            rs.getString("health"),
                            rs.getString("exploitation"),
                            cipher.open(organization, TABLE, "notes", id, rs.getBytes("notes")),
                            done == null && due.isBefore(today));
                })
                .list();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
