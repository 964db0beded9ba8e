package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.RecordScope;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who reaches which case: the permission first, then the record scope of the person's role (own
 * cases, the team's, the organization's), or a break-glass grant still running. A case out of reach
 * answers exactly like a case that does not exist, so ids reveal nothing.
 */
@Component
class CaseAccess {

    private final JdbcClient jdbc;
    private final CaseFiles files;
    private final Clock clock;

    CaseAccess(JdbcClient jdbc, CaseFiles files, Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.clock = clock;
    }

    /** Refuses anyone without {@code permission}; enters the actor's organization for row-level security. */
    void require(CurrentUser actor, Permission permission) {
        refuseWithout(actor, permission);
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    private static void refuseWithout(CurrentUser actor, Permission permission) {
        if (!actor.can(permission)) {
            throw new Refusal(Status.FORBIDDEN, "case.forbidden");
        }
    }

    /** The case, if the actor holds {@code permission} and reaches it; 404 otherwise. */
    CaseFile load(CurrentUser actor, UUID id, Permission permission) {
        require(actor, permission);
        CaseFile found = files.find(actor.organizationId(), id).orElseThrow(CaseAccess::notFound);
        if (!inScope(actor, found) && !brokeGlass(actor, id)) {
            throw notFound();
        }
        return found;
    }

    /**
     * {@link #load} with the case's person: in the same statement when the case is within scope, after
     * the break-glass check otherwise.
     */
    CaseFiles.WithPerson loadWithPerson(CurrentUser actor, UUID id, Permission permission, People people) {
        refuseWithout(actor, permission);
        // The organization's scope is entered in the same round trip as the read (decision 42).
        CaseFiles.WithPerson found = files.findWithPerson(
                        List.of(OrganizationScope.statement(actor.organizationId())),
                        actor.organizationId(),
                        id,
                        file -> inScope(actor, file),
                        (rs, n) -> people.mapJoined(rs))
                .orElseThrow(CaseAccess::notFound);
        if (found.person() != null) {
            return found;
        }
        if (!brokeGlass(actor, id)) {
            throw notFound();
        }
        return new CaseFiles.WithPerson(
                found.file(), people.read(actor.organizationId(), found.file().personId()));
    }

    private static Refusal notFound() {
        return new Refusal(Status.NOT_FOUND, "case.notFound");
    }

    /** Whether the case lies within the actor's record scope (break-glass aside). */
    boolean inScope(CurrentUser actor, CaseFile file) {
        return inScope(actor, file.caseworkerId(), file.teamId());
    }

    private static boolean inScope(CurrentUser actor, UUID caseworker, UUID team) {
        return switch (actor.scope()) {
            case ORGANIZATION, NETWORK -> true;
            case TEAM ->
                actor.id().equals(caseworker)
                        || (actor.teamId() != null && actor.teamId().equals(team));
            case OWN -> actor.id().equals(caseworker);
        };
    }

    /**
     * Whether the actor reaches a person: someone with no case yet belongs to the whole organization;
     * a child with cases is reached through one of them (scope or break-glass), so a person's record
     * is never a side door into a case out of reach.
     */
    boolean reachesPerson(CurrentUser actor, UUID person) {
        record Owner(UUID id, UUID caseworker, UUID team) {}
        List<Owner> owners = jdbc.sql(
                        "SELECT id, caseworker_id, team_id FROM case_file WHERE organization_id = ? AND person_id = ?")
                .params(actor.organizationId(), person)
                .query((rs, n) -> new Owner(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))
                .list();
        return owners.isEmpty()
                || owners.stream().anyMatch(o -> inScope(actor, o.caseworker(), o.team()) || brokeGlass(actor, o.id()));
    }

    boolean brokeGlass(CurrentUser actor, UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM break_glass WHERE organization_id = ? AND user_id = ? AND case_id = ?"
                                + " AND expires_at > ?")
                        .params(actor.organizationId(), actor.id(), caseId, Timestamp.from(clock.instant()))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * The SQL condition on {@code case_file} (aliased {@code c}) that keeps lists within scope, with
     * its parameters {@code :scope_all}, {@code :scope_me}, {@code :scope_team}, {@code :scope_now}.
     */
    static final String SCOPE_CONDITION = """
            (:scope_all OR c.caseworker_id = :scope_me OR c.team_id = :scope_team
             OR c.id IN (SELECT case_id FROM break_glass WHERE user_id = :scope_me AND expires_at > :scope_now))""";

    JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec statement, CurrentUser actor) {
        boolean all = actor.scope().covers(RecordScope.ORGANIZATION);
        UUID team = actor.scope() == RecordScope.TEAM ? actor.teamId() : null;
        return statement
                .param("scope_all", all)
                .param("scope_me", actor.id())
                .param("scope_team", team)
                .param("scope_now", Timestamp.from(clock.instant()));
    }
}
