package org.haven.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The triage on-call roster: who is alerted at once when a report says a child is in danger now. A
 * triage officer takes a shift (from now, 1 to 24 hours) or ends it early, and may put a colleague who
 * also triages on the roster. With nobody on call every active triage officer is alerted, so a gap in
 * the roster never silences an alert. Every read and change of the roster is audited.
 */
@Service
public class OnCall {

    /** One shift as the roster shows it; {@code alerted} is false for someone who no longer triages. */
    public record Shift(
            UUID id,
            UUID userId,
            String name,
            Instant startsAt,
            Instant endsAt,
            boolean current,
            boolean alerted,
            boolean endable) {}

    /** Current and upcoming shifts; {@code nobodyOnCall} when alerts go to every triage officer. */
    public record Roster(boolean nobodyOnCall, List<Shift> shifts) {}

    static final String TABLE = "on_call_shift";
    static final int MAX_HOURS = 24;

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;

    OnCall(JdbcClient jdbc, StaffDirectory staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Puts {@code person} (the actor when null) on call from now for {@code hours} (1 to 24). The person
     * must triage in the actor's organization and not be on call already.
     */
    @Transactional
    public Shift take(CurrentUser actor, UUID person, int hours) {
        require(actor);
        UUID who = person == null ? actor.id() : person;
        if (hours < 1 || hours > MAX_HOURS) {
            throw new Refusal(Status.UNPROCESSABLE, "oncall.hours.invalid");
        }
        StaffDirectory.Member member = staff.member(actor.organizationId(), who)
                .filter(m -> m.can(Permission.REPORT_TRIAGE))
                .orElseThrow(() -> new Refusal(Status.UNPROCESSABLE, "oncall.person.invalid"));
        Instant start = clock.instant();
        Instant end = start.plus(Duration.ofHours(hours));
        boolean overlaps = jdbc.sql("SELECT count(*) FROM on_call_shift WHERE organization_id = ? AND user_id = ?"
                                + " AND starts_at < ? AND ends_at > ?")
                        .params(actor.organizationId(), who, Timestamp.from(end), Timestamp.from(start))
                        .query(Integer.class)
                        .single()
                > 0;
        if (overlaps) {
            throw new Refusal(Status.CONFLICT, "oncall.already");
        }
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO on_call_shift (id, organization_id, user_id, starts_at, ends_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, actor.organizationId(), who, Timestamp.from(start), Timestamp.from(end), actor.id())
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(List.of("user_id", "starts_at", "ends_at"))
                .detail("user", who.toString())
                .detail("hours", hours)
                .build());
        return new Shift(id, who, member.displayName(), start, end, true, true, true);
    }

    /** Ends a shift now (one not yet begun ends before it begins): one's own, or one the actor put on. */
    @Transactional
    public void end(CurrentUser actor, UUID shift) {
        require(actor);
        Timestamp now = Timestamp.from(clock.instant());
        int ended = jdbc.sql("""
                        UPDATE on_call_shift SET ends_at = greatest(starts_at, ?)
                        WHERE organization_id = ? AND id = ? AND ends_at > ? AND (user_id = ? OR created_by = ?)
                        """)
                .params(now, actor.organizationId(), shift, now, actor.id(), actor.id())
                .update();
        if (ended != 1) {
            throw new Refusal(Status.NOT_FOUND, "oncall.notFound");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, shift)
                .fields(List.of("ends_at"))
                .build());
    }

    /** The shifts not yet over, earliest first, and whether alerts fall back to everyone; audited. */
    @Transactional
    public Roster roster(CurrentUser actor) {
        require(actor);
        Instant now = clock.instant();
        Map<UUID, StaffDirectory.Member> triage = triageOfficers(actor.organizationId());
        List<Shift> shifts = jdbc.sql("SELECT id, user_id, starts_at, ends_at, created_by FROM on_call_shift"
                        + " WHERE organization_id = ? AND ends_at > ? ORDER BY starts_at, ends_at, id LIMIT 200")
                .params(actor.organizationId(), Timestamp.from(now))
                .query((rs, n) -> {
                    UUID user = rs.getObject("user_id", UUID.class);
                    Instant start = rs.getTimestamp("starts_at").toInstant();
                    StaffDirectory.Member member = triage.get(user);
                    return new Shift(
                            rs.getObject("id", UUID.class),
                            user,
                            member == null ? null : member.displayName(),
                            start,
                            rs.getTimestamp("ends_at").toInstant(),
                            !start.isAfter(now),
                            member != null,
                            user.equals(actor.id()) || actor.id().equals(rs.getObject("created_by", UUID.class)));
                })
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, null)
                .detail("list", "on-call")
                .detail("results", shifts.size())
                .build());
        boolean nobody = shifts.stream().noneMatch(s -> s.current() && s.alerted());
        return new Roster(nobody, shifts);
    }

    /** Colleagues who can be put on call: the organization's active triage officers. */
    @Transactional(readOnly = true)
    public List<StaffDirectory.Member> colleagues(CurrentUser actor) {
        require(actor);
        return staff.holding(actor.organizationId(), null, Permission.REPORT_TRIAGE);
    }

    /**
     * Who to alert now about a child in danger: the active triage officers on call; with none, every
     * active triage officer. Runs in the caller's transaction and organization scope.
     */
    List<UUID> recipients(UUID organization) {
        Map<UUID, StaffDirectory.Member> triage = triageOfficers(organization);
        Timestamp now = Timestamp.from(clock.instant());
        Set<UUID> onCall = new LinkedHashSet<>(jdbc.sql("SELECT user_id FROM on_call_shift WHERE organization_id = ?"
                        + " AND starts_at <= ? AND ends_at > ? ORDER BY starts_at")
                .params(organization, now, now)
                .query(UUID.class)
                .list());
        onCall.retainAll(triage.keySet());
        return onCall.isEmpty() ? List.copyOf(triage.keySet()) : List.copyOf(onCall);
    }

    private Map<UUID, StaffDirectory.Member> triageOfficers(UUID organization) {
        return staff.holding(organization, null, Permission.REPORT_TRIAGE).stream()
                .collect(Collectors.toMap(
                        StaffDirectory.Member::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }
}
