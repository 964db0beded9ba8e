package org.haven.intake.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Escalates missed deadlines: reports of immediate danger nobody acted on (decided, routed or closed)
 * by their deadline, and routings that no partner acknowledged by theirs. The intake organization's
 * triage staff, all of them, are alerted once (in the app and by mail, without a word of the report)
 * and the report or routing is marked escalated, so it is never alerted twice. Lists show it as late
 * from the deadline on.
 *
 * <p>Runs every {@code haven.intake.escalation-every} (default 5 minutes), one node at a time in the
 * cluster: each organization in its own transaction, under its row-level security scope, holding a
 * transaction-level PostgreSQL advisory lock (the approach of the case reminders).
 */
@Component
class RoutingEscalation {

    private static final long LOCK = 0x4861_7665_6e52_6f75L; // "HavenRou"
    private static final Logger log = LoggerFactory.getLogger(RoutingEscalation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Organizations organizations;
    private final StaffDirectory staff;
    private final org.haven.cases.Alerts alerts;
    private final Clock clock;

    RoutingEscalation(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Organizations organizations,
            StaffDirectory staff,
            org.haven.cases.Alerts alerts,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.organizations = organizations;
        this.staff = staff;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${haven.intake.escalation-start:1m}",
            fixedDelayString = "${haven.intake.escalation-every:5m}")
    void scheduled() {
        int escalated = escalate(clock.instant(), false);
        if (escalated > 0) {
            log.info("Escalation: {} report(s) or routing(s) past their deadline", escalated);
        }
    }

    /** Escalates everything late at {@code now} in every organization, waiting for a run elsewhere. */
    int escalateNow(Instant now) {
        return escalate(now, true);
    }

    private int escalate(Instant now, boolean wait) {
        int total = 0;
        for (Organizations.Organization organization : organizations.list()) {
            try {
                Integer done = transactions.execute(status -> escalate(organization.id(), now, wait));
                total += done == null ? 0 : done;
            } catch (RuntimeException e) {
                log.warn(
                        "Late routings of an organization could not be escalated; they will be retried: {}",
                        e.getClass().getSimpleName());
            }
        }
        return total;
    }

    private int escalate(UUID organization, Instant now, boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)::text")
                    .param(LOCK)
                    .query(String.class)
                    .single();
        } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Boolean.class)
                .single()) {
            return 0;
        }
        OrganizationScope.enter(jdbc, organization);
        // Reports of immediate danger nobody acted on (decided, routed, closed) by their deadline.
        List<UUID> lateReports = jdbc.sql("""
                        SELECT id FROM report WHERE organization_id = ? AND escalated_at IS NULL AND deadline_at <= ?
                          AND status IN ('RECEIVED', 'UNDER_REVIEW') AND coalesce(decision, 'ASK_REPORTER') = 'ASK_REPORTER'
                        """)
                .params(organization, Timestamp.from(now))
                .query(UUID.class)
                .list();
        if (!lateReports.isEmpty()) {
            alerts.reportLate(organization, triageStaff(organization));
            jdbc.sql("UPDATE report SET escalated_at = ? WHERE organization_id = ? AND id = ANY(?)")
                    .params(Timestamp.from(now), organization, lateReports.toArray(UUID[]::new))
                    .update();
        }
        List<UUID> late = jdbc.sql("SELECT id FROM routing WHERE organization_id = ? AND status = 'SENT'"
                        + " AND escalated_at IS NULL AND acknowledge_by <= ? ORDER BY acknowledge_by, id")
                .params(organization, Timestamp.from(now))
                .query(UUID.class)
                .list();
        if (late.isEmpty()) {
            return lateReports.size();
        }
        // One alert per person and run, however many routings are late: it says only "look at triage".
        alerts.routingLate(organization, triageStaff(organization));
        jdbc.sql("UPDATE routing SET escalated_at = ? WHERE organization_id = ? AND id = ANY(?)")
                .params(Timestamp.from(now), organization, late.toArray(UUID[]::new))
                .update();
        return lateReports.size() + late.size();
    }

    /** Every active triage officer: a missed deadline widens the circle beyond whoever is on call. */
    private List<UUID> triageStaff(UUID organization) {
        return staff.holding(organization, null, Permission.REPORT_TRIAGE).stream()
                .map(StaffDirectory.Member::id)
                .toList();
    }
}
