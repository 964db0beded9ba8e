package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.OrganizationScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds staff of work that falls due: open tasks due today or overdue (to their assignee), and
 * follow-ups of cases in follow-up due within {@link #FOLLOW_UP_NOTICE_DAYS} days or overdue (to the
 * case's caseworker, or the team's supervisors when it has none). Each task and follow-up is reminded
 * once ({@code reminded_at}); several due on one case make one alert per person and kind. The alert
 * (and its e-mail, when SMTP is set up) says only that a case needs attention, with its reference.
 *
 * <p>Runs every {@code haven.cases.reminders-every} (default 5 minutes), one node at a time in the
 * cluster: each organization is handled in its own transaction, under its row-level security scope,
 * holding a transaction-level PostgreSQL advisory lock, so two nodes never remind the same item twice.
 */
@Component
class CaseReminders {

    static final int FOLLOW_UP_NOTICE_DAYS = 7;
    private static final long LOCK = 0x4861_7665_6e52_656dL; // "HavenRem"
    private static final Logger log = LoggerFactory.getLogger(CaseReminders.class);

    /** What one run did: items reminded, and alerts raised for them. */
    record Result(int tasks, int followUps, int alerts) {

        Result plus(Result other) {
            return new Result(tasks + other.tasks, followUps + other.followUps, alerts + other.alerts);
        }
    }

    private record Due(UUID item, UUID person, UUID caseId, String reference) {}

    private record Recipient(UUID person, UUID caseId, Alerts.Kind kind) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Organizations organizations;
    private final StaffDirectory staff;
    private final Alerts alerts;
    private final Clock clock;

    CaseReminders(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Organizations organizations,
            StaffDirectory staff,
            Alerts alerts,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.organizations = organizations;
        this.staff = staff;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${haven.cases.reminders-start:1m}",
            fixedDelayString = "${haven.cases.reminders-every:5m}")
    void scheduled() {
        Result result = remind(false);
        if (result.alerts() > 0) {
            log.info(
                    "Reminders: {} tasks and {} follow-ups due, {} alerts raised",
                    result.tasks(),
                    result.followUps(),
                    result.alerts());
        }
    }

    /** Reminds everything due in every organization, waiting for a run elsewhere to finish first. */
    Result remindNow() {
        return remind(true);
    }

    private Result remind(boolean wait) {
        Result total = new Result(0, 0, 0);
        for (Organizations.Organization organization : organizations.list()) {
            try {
                Result done = transactions.execute(status -> remind(organization.id(), wait));
                if (done != null) {
                    total = total.plus(done);
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Reminders of an organization could not be raised; they will be retried: {}",
                        e.getClass().getSimpleName());
            }
        }
        return total;
    }

    private Result remind(UUID organization, boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)::text")
                    .param(LOCK)
                    .query(String.class)
                    .single();
        } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Boolean.class)
                .single()) {
            return new Result(0, 0, 0);
        }
        OrganizationScope.enter(jdbc, organization);
        LocalDate today = LocalDate.now(clock);
        List<Due> tasks = jdbc.sql("""
                        SELECT t.id, t.assignee_id, t.case_id, c.reference FROM case_task t
                        LEFT JOIN case_file c ON c.organization_id = t.organization_id AND c.id = t.case_id
                        WHERE t.organization_id = ? AND t.done_at IS NULL AND t.reminded_at IS NULL AND t.due_on <= ?
                        ORDER BY t.due_on, t.id
                        """)
                .params(organization, today)
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4)))
                .list();
        record FollowUpDue(UUID item, UUID caseworker, UUID team, UUID caseId, String reference) {}
        List<FollowUpDue> followUps = jdbc.sql("""
                        SELECT f.id, c.caseworker_id, c.team_id, c.id, c.reference FROM case_follow_up f
                        JOIN case_file c ON c.organization_id = f.organization_id AND c.id = f.case_id
                        WHERE f.organization_id = ? AND f.done_on IS NULL AND f.reminded_at IS NULL AND f.due_on <= ?
                            AND c.stage = 'FOLLOW_UP'
                        ORDER BY f.due_on, f.id
                        """)
                .params(organization, today.plusDays(FOLLOW_UP_NOTICE_DAYS))
                .query((rs, n) -> new FollowUpDue(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getString(5)))
                .list();
        if (tasks.isEmpty() && followUps.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Map<Recipient, String> once = new LinkedHashMap<>();
        for (Due task : tasks) {
            once.putIfAbsent(new Recipient(task.person(), task.caseId(), Alerts.Kind.TASK_DUE), task.reference());
        }
        for (FollowUpDue followUp : followUps) {
            List<UUID> people = new ArrayList<>();
            if (followUp.caseworker() != null) {
                people.add(followUp.caseworker());
            } else {
                staff.holding(organization, followUp.team(), Permission.CASE_APPROVE)
                        .forEach(m -> people.add(m.id()));
            }
            for (UUID person : people) {
                once.putIfAbsent(
                        new Recipient(person, followUp.caseId(), Alerts.Kind.FOLLOW_UP_DUE), followUp.reference());
            }
        }
        once.forEach(
                (to, reference) -> alerts.raise(organization, List.of(to.person()), to.caseId(), reference, to.kind()));
        Timestamp now = Timestamp.from(clock.instant());
        if (!tasks.isEmpty()) {
            jdbc.sql("UPDATE case_task SET reminded_at = ? WHERE organization_id = ? AND id = ANY(?)")
                    .params(now, organization, tasks.stream().map(Due::item).toArray(UUID[]::new))
                    .update();
        }
        if (!followUps.isEmpty()) {
            jdbc.sql("UPDATE case_follow_up SET reminded_at = ? WHERE organization_id = ? AND id = ANY(?)")
                    .params(
                            now,
                            organization,
                            followUps.stream().map(FollowUpDue::item).toArray(UUID[]::new))
                    .update();
        }
        return new Result(tasks.size(), followUps.size(), once.size());
    }
}
