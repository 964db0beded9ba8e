package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.StaffDirectory;
import org.haven.platform.Ids;
import org.haven.platform.Mailer;
import org.haven.platform.OrganizationScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-app alerts to staff, and an e-mail when mail is set up. Trauma-informed: an alert says that a
 * case needs attention and links to it (by reference), never what happened.
 */
@Component
public class Alerts {

    /** Why someone is alerted; each has a sentence {@code alert.<KIND>} and a mail {@code mail.alert}. */
    enum Kind {
        CASE_REOPENED,
        BREAK_GLASS,
        APPROVAL_WAITING,
        CLOSURE_REFUSED,
        ASSIGNED,
        TASK_DUE,
        FOLLOW_UP_DUE,
        REPORT_URGENT,
        REPORT_FOR_CASE,
        REFERRAL_RECEIVED,
        ROUTING_LATE,
        REPORT_LATE
    }

    /** An unread alert as the person sees it. */
    public record Alert(UUID id, String kind, UUID caseId, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Mailer mail;
    private final Clock clock;

    Alerts(JdbcClient jdbc, StaffDirectory staff, Mailer mail, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.mail = mail;
        this.clock = clock;
    }

    /** Alerts each of these people once (in the caller's transaction and organization scope). */
    void raise(UUID organization, Collection<UUID> people, UUID caseId, String reference, Kind kind) {
        Map<UUID, Boolean> once = new LinkedHashMap<>();
        people.stream().filter(java.util.Objects::nonNull).forEach(p -> once.put(p, true));
        for (UUID person : once.keySet()) {
            jdbc.sql("INSERT INTO case_alert (id, organization_id, user_id, case_id, kind, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            kind == Kind.REPORT_URGENT ? UUID.randomUUID() : Ids.next(),
                            organization,
                            person,
                            caseId,
                            kind.name(),
                            Timestamp.from(at(kind)))
                    .update();
            staff.member(organization, person)
                    .ifPresent(member -> afterCommit(() -> mail.send(
                            member.email(),
                            mailKey(kind),
                            new Object[] {member.displayName(), reference == null ? "" : reference, mail.publicUrl()},
                            Locale.forLanguageTag(member.language()))));
        }
    }

    private static String mailKey(Kind kind) {
        return switch (kind) {
            case REPORT_URGENT, REPORT_LATE -> "mail.report";
            case REPORT_FOR_CASE -> "mail.caseRequest";
            case REFERRAL_RECEIVED -> "mail.referral";
            case ROUTING_LATE -> "mail.routingLate";
            default -> "mail.alert";
        };
    }

    /**
     * When an alert is recorded: the hour only for a report arriving with a child in danger, whose alert
     * would otherwise keep the exact moment the person reported (decision 28). Such alerts also get
     * random ids, since a time-ordered one keeps the millisecond.
     */
    private java.time.Instant at(Kind kind) {
        return kind == Kind.REPORT_URGENT
                ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                : clock.instant();
    }

    /** Mail leaves only once the work is committed: a refused change alerts nobody. */
    private void afterCommit(Runnable send) {
        if (!mail.enabled()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                send.run();
            }
        });
    }

    /**
     * Tells these people that a report needs attention now (a child in danger): in the app and by mail,
     * without a word of the report. Runs in the caller's transaction and organization scope.
     */
    public void reportNeedsAttention(UUID organization, Collection<UUID> people) {
        raise(organization, people, null, null, Kind.REPORT_URGENT);
    }

    /**
     * Tells these people (the case team) that triage handed a report over for a case to be opened,
     * without a word of it. Runs in the caller's transaction and organization scope.
     */
    public void reportWaitsForCase(UUID organization, Collection<UUID> people) {
        raise(organization, people, null, null, Kind.REPORT_FOR_CASE);
    }

    /**
     * Tells a partner organization's staff that a report was passed to them, without a word of it. Runs
     * in the caller's transaction, in the partner organization's scope.
     */
    public void referralReceived(UUID organization, Collection<UUID> people) {
        raise(organization, people, null, null, Kind.REFERRAL_RECEIVED);
    }

    /**
     * Tells triage staff that a partner did not acknowledge a report in time, without a word of it. Runs
     * in the caller's transaction and organization scope.
     */
    public void routingLate(UUID organization, Collection<UUID> people) {
        raise(organization, people, null, null, Kind.ROUTING_LATE);
    }

    /**
     * Tells triage staff that a report of immediate danger was not acted on by its deadline, without a
     * word of it. Runs in the caller's transaction and organization scope.
     */
    public void reportLate(UUID organization, Collection<UUID> people) {
        raise(organization, people, null, null, Kind.REPORT_LATE);
    }

    /** The person's unread alerts, newest first. */
    @Transactional
    public List<Alert> unread(CurrentUser me) {
        OrganizationScope.enter(jdbc, me.organizationId());
        return jdbc.sql("SELECT id, kind, case_id, created_at FROM case_alert WHERE organization_id = ?"
                        + " AND user_id = ? AND read_at IS NULL ORDER BY created_at DESC LIMIT 50")
                .params(me.organizationId(), me.id())
                .query((rs, n) -> new Alert(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Marks one of the person's alerts read (someone else's alert is left alone). */
    @Transactional
    public void dismiss(CurrentUser me, UUID alert) {
        OrganizationScope.enter(jdbc, me.organizationId());
        jdbc.sql("UPDATE case_alert SET read_at = ? WHERE organization_id = ? AND user_id = ? AND id = ?")
                .params(Timestamp.from(clock.instant()), me.organizationId(), me.id(), alert)
                .update();
    }
}
