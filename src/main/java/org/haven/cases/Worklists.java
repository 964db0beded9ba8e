package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffNames;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of cases within the actor's scope: the filtered and fuzzy-searched case list, and what the
 * caseworker's and supervisor's home pages show. Lists are audited as searches.
 */
@Service
public class Worklists {

    /** Filters of the case list; null means any. */
    public record Filter(String query, String stage, String risk, UUID caseworkerId, boolean openOnly) {

        /** Whether the list looks people up by name or phone (a search that takes its share, decision 38). */
        boolean searchesNames() {
            return query != null && !query.isBlank();
        }
    }

    /** One row of a case list: enough to recognize the child and decide what to open. */
    public record Row(
            UUID id,
            UUID personId,
            String reference,
            String name,
            String nameKhmer,
            String stage,
            String riskLevel,
            UUID caseworkerId,
            String caseworkerName,
            Instant lastContactAt,
            int openFlags,
            LocalDate nextFollowUp,
            boolean followUpOverdue) {}

    public record Caseload(UUID caseworkerId, String name, int open, int critical) {}

    /** What a caseworker must do today. */
    public record MyDay(
            Map<String, Integer> myCasesByRisk,
            List<Row> critical,
            List<Row> overdueFollowUps,
            List<WorkItems.Task> tasks,
            List<Row> flagged) {}

    /** Who needs help and what waits for the supervisor. */
    public record TeamView(
            List<Caseload> caseload,
            List<Row> plansToApprove,
            List<Row> closuresToApprove,
            List<Row> overdueFollowUps,
            int overdueServices,
            int overdueTasks,
            List<Row> withoutContact) {}

    static final int PAGE = 50;
    static final Duration NO_CONTACT = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final People people;
    private final StaffNames names;
    private final WorkItems work;
    private final AuditTrail audit;
    private final Clock clock;

    Worklists(
            JdbcClient jdbc,
            CaseAccess access,
            People people,
            StaffNames names,
            WorkItems work,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.people = people;
        this.names = names;
        this.work = work;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Cases in scope matching the filter; {@code query} finds children by any spelling or script of a
     * name, a phone number, or a case reference. The search is audited with its terms, encrypted.
     */
    @Transactional
    public List<Row> list(CurrentUser actor, Filter filter) {
        access.require(actor, Permission.CASE_READ);
        String query = filter.query() == null ? "" : filter.query().strip();
        if (query.length() > 200) {
            throw new Refusal(Status.UNPROCESSABLE, "person.search.invalid");
        }
        StringBuilder where = new StringBuilder(" AND " + CaseAccess.SCOPE_CONDITION);
        Map<String, Object> params = new HashMap<>();
        if (filter.stage() != null && !filter.stage().isBlank()) {
            where.append(" AND c.stage = :stage");
            params.put(
                    "stage",
                    Vocabulary.code(CaseStage.class, filter.stage(), "stage").name());
        } else if (filter.openOnly()) {
            where.append(" AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')");
        }
        if (filter.risk() != null && !filter.risk().isBlank()) {
            where.append(" AND c.risk_level = :risk");
            params.put(
                    "risk",
                    Vocabulary.code(RiskLevel.class, filter.risk(), "risk").name());
        }
        if (filter.caseworkerId() != null) {
            where.append(" AND c.caseworker_id = :caseworker");
            params.put("caseworker", filter.caseworkerId());
        }
        Map<UUID, Double> ranked = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (People.Scored found : people.matching(actor.organizationId(), query)) {
                ranked.put(found.person().id(), found.score());
            }
            where.append(" AND (c.person_id = ANY(:people) OR c.reference = :reference)");
            params.put("people", ranked.keySet().toArray(UUID[]::new));
            params.put("reference", query.toUpperCase(java.util.Locale.ROOT));
        }
        // Critical first, then the latest change; with a risk filter all rows share one level, and ordering
        // by the change alone lets case_file_risk serve the page (V14).
        String order =
                params.containsKey("risk") ? "c.updated_at DESC" : "c.risk_level = 'CRITICAL' DESC, c.updated_at DESC";
        List<Row> rows = rows(actor, where.toString(), params, order);
        if (!ranked.isEmpty()) {
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort((a, b) -> Double.compare(score(ranked, b), score(ranked, a)));
            rows = sorted;
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, null)
                .detail("terms", query)
                .detail("stage", String.valueOf(filter.stage()))
                .detail("risk", String.valueOf(filter.risk()))
                .detail("results", rows.size())
                .build());
        return rows;
    }

    /** A reference typed exactly ranks above any name match. */
    private static double score(Map<UUID, Double> ranked, Row row) {
        return ranked.getOrDefault(row.personId(), 2.0);
    }

    /** The caseworker's day: their cases by risk, critical ones, overdue follow-ups, tasks, flags. */
    @Transactional
    public MyDay myDay(CurrentUser actor) {
        access.require(actor, Permission.CASE_READ);
        Map<String, Integer> byRisk = new LinkedHashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            byRisk.put(level.name(), 0);
        }
        jdbc.sql("SELECT risk_level, count(*) FROM case_file WHERE organization_id = ? AND caseworker_id = ?"
                        + " AND stage NOT IN ('CLOSED', 'TRANSFERRED') GROUP BY risk_level")
                .params(actor.organizationId(), actor.id())
                .query(rs -> {
                    byRisk.put(rs.getString(1), rs.getInt(2));
                });
        String mine = " AND c.caseworker_id = :me AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')";
        Map<String, Object> me = Map.of("me", actor.id());
        MyDay day = new MyDay(
                byRisk,
                rows(actor, mine + " AND c.risk_level = 'CRITICAL'", me, "c.updated_at DESC"),
                rows(actor, " AND " + CaseAccess.SCOPE_CONDITION + OVERDUE_FOLLOW_UP, Map.of(), "c.updated_at"),
                work.myTasks(actor),
                rows(actor, mine + FLAGGED, me, "c.updated_at DESC"));
        listed(actor, "my-day");
        return day;
    }

    /** The supervisor's view of their team (the organization for those who see it all). */
    @Transactional
    public TeamView team(CurrentUser actor) {
        access.require(actor, Permission.CASE_APPROVE);
        String scope = " AND " + CaseAccess.SCOPE_CONDITION;
        List<Caseload> caseload = new ArrayList<>();
        access.scoped(
                        jdbc.sql("SELECT c.caseworker_id, count(*),"
                                + " count(*) FILTER (WHERE c.risk_level = 'CRITICAL') FROM case_file c"
                                + " WHERE c.organization_id = :organization AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')"
                                + scope + " GROUP BY c.caseworker_id"),
                        actor)
                .param("organization", actor.organizationId())
                .query(rs -> {
                    caseload.add(new Caseload(rs.getObject(1, UUID.class), null, rs.getInt(2), rs.getInt(3)));
                });
        Map<UUID, String> staff = names.of(caseload.stream()
                .map(Caseload::caseworkerId)
                .filter(java.util.Objects::nonNull)
                .toList());
        List<Caseload> named = caseload.stream()
                .map(c -> new Caseload(c.caseworkerId(), staff.get(c.caseworkerId()), c.open(), c.critical()))
                .sorted((a, b) -> b.open() - a.open())
                .toList();
        LocalDate today = LocalDate.now(clock);
        TeamView view = new TeamView(
                named,
                rows(actor, scope + " AND c.plan_status = 'SUBMITTED'", Map.of(), "c.updated_at"),
                rows(
                        actor,
                        scope + " AND c.closure_requested_at IS NOT NULL AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')",
                        Map.of(),
                        "c.updated_at"),
                rows(actor, scope + OVERDUE_FOLLOW_UP, Map.of(), "c.updated_at"),
                count(
                        actor,
                        "SELECT count(*) FROM care_service s JOIN case_file c ON c.id = s.case_id"
                                + " WHERE c.organization_id = :organization AND s.status IN ('PLANNED', 'IN_PROGRESS')"
                                + " AND s.due_on < :today" + scope,
                        today),
                count(
                        actor,
                        "SELECT count(*) FROM case_task t JOIN case_file c ON c.id = t.case_id"
                                + " WHERE c.organization_id = :organization AND t.done_at IS NULL AND t.due_on < :today"
                                + scope,
                        today),
                rows(
                        actor,
                        scope + " AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')"
                                + " AND coalesce(c.last_contact_at, c.opened_at) < :quiet",
                        Map.of("quiet", Timestamp.from(clock.instant().minus(NO_CONTACT))),
                        "c.last_contact_at NULLS FIRST"));
        listed(actor, "team");
        return view;
    }

    private static final String OVERDUE_FOLLOW_UP =
            " AND c.stage = 'FOLLOW_UP' AND EXISTS (SELECT 1 FROM case_follow_up f"
                    + " WHERE f.case_id = c.id AND f.done_on IS NULL AND f.due_on < :today)";
    private static final String FLAGGED =
            " AND EXISTS (SELECT 1 FROM case_flag g WHERE g.case_id = c.id AND g.cleared_at IS NULL)";

    private int count(CurrentUser actor, String sql, LocalDate today) {
        return access.scoped(jdbc.sql(sql), actor)
                .param("organization", actor.organizationId())
                .param("today", today)
                .query(Integer.class)
                .single();
    }

    private List<Row> rows(CurrentUser actor, String where, Map<String, Object> params, String order) {
        LocalDate today = LocalDate.now(clock);
        // The page is chosen first (case_file_worklist serves the usual order), then the flags and the next
        // follow-up are counted for its rows only, not for every case the filter matches.
        String sql = """
                WITH page AS (
                    SELECT c.id, c.person_id, c.reference, c.stage, c.risk_level, c.caseworker_id, c.last_contact_at,
                        c.updated_at, c.organization_id
                    FROM case_file c WHERE c.organization_id = :organization""" + where + " ORDER BY " + order + " LIMIT " + PAGE + """
                )
                SELECT c.id, c.person_id, c.reference, c.stage, c.risk_level, c.caseworker_id, c.last_contact_at,
                    (SELECT count(*) FROM case_flag g WHERE g.organization_id = c.organization_id AND g.case_id = c.id
                        AND g.cleared_at IS NULL) AS flags,
                    (SELECT min(f.due_on) FROM case_follow_up f WHERE f.organization_id = c.organization_id
                        AND f.case_id = c.id AND f.done_on IS NULL) AS next_follow_up
                FROM page c""" + " ORDER BY " + order;
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("organization", actor.organizationId());
        if (sql.contains(":scope_")) {
            statement = access.scoped(statement, actor);
        }
        if (sql.contains(":today")) {
            statement = statement.param("today", today);
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        record Raw(
                UUID id,
                UUID person,
                String reference,
                String stage,
                String risk,
                UUID caseworker,
                Instant contact,
                int flags,
                LocalDate next) {}
        List<Raw> raw = statement
                .query((rs, n) -> new Raw(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, UUID.class),
                        CaseFiles.instant(rs.getTimestamp(7)),
                        rs.getInt(8),
                        rs.getObject(9, LocalDate.class)))
                .list();
        Map<UUID, PersonView> persons = new HashMap<>();
        people.readAll(
                        actor.organizationId(),
                        raw.stream().map(Raw::person).distinct().toList())
                .forEach(p -> persons.put(p.id(), p));
        Map<UUID, String> staff = names.of(raw.stream()
                .map(Raw::caseworker)
                .filter(java.util.Objects::nonNull)
                .toList());
        List<Row> rows = new ArrayList<>();
        for (Raw r : raw) {
            PersonView p = persons.get(r.person());
            rows.add(new Row(
                    r.id(),
                    r.person(),
                    r.reference(),
                    p == null ? null : p.name(),
                    p == null ? null : p.nameKhmer(),
                    r.stage(),
                    r.risk(),
                    r.caseworker(),
                    staff.get(r.caseworker()),
                    r.contact(),
                    r.flags(),
                    r.next(),
                    r.next() != null && r.next().isBefore(today) && r.stage().equals("FOLLOW_UP")));
        }
        return rows;
    }

    private void listed(CurrentUser actor, String list) {
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, null)
                .detail("list", list)
                .build());
    }
}
