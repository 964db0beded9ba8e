package org.haven.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Organizations and their teams. */
@Repository
public class Organizations {

    /** An organization. */
    public record Organization(UUID id, String name) {}

    /** A team inside an organization. */
    public record Team(UUID id, UUID organizationId, String name) {}

    private final JdbcClient jdbc;
    private final IdentityEvents events;

    Organizations(JdbcClient jdbc, IdentityEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Creates an organization, refusing a name already in use (case-insensitive). */
    @Transactional
    public Organization create(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IdentityException("organization.name.invalid");
        }
        if (findByName(trimmed).isPresent()) {
            throw new IdentityException("organization.name.taken");
        }
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO organization (id, name) VALUES (?, ?)")
                .params(id, trimmed)
                .update();
        events.other(
                IdentityEvent.Kind.ORGANIZATION_CREATED,
                id,
                null,
                id,
                "organization",
                java.util.Map.of("name", trimmed));
        return new Organization(id, trimmed);
    }

    public Optional<Organization> findById(UUID id) {
        return jdbc.sql("SELECT id, name FROM organization WHERE id = ?")
                .param(id)
                .query(Organization.class)
                .optional();
    }

    public Optional<Organization> findByName(String name) {
        return jdbc.sql("SELECT id, name FROM organization WHERE lower(name) = lower(?)")
                .param(name.strip())
                .query(Organization.class)
                .optional();
    }

    /** Finds by id when {@code idOrName} is a UUID, else by name. */
    public Optional<Organization> find(String idOrName) {
        try {
            return findById(UUID.fromString(idOrName.strip()));
        } catch (IllegalArgumentException notAnId) {
            return findByName(idOrName);
        }
    }

    public List<Organization> list() {
        return jdbc.sql("SELECT id, name FROM organization ORDER BY lower(name)")
                .query(Organization.class)
                .list();
    }

    /** Creates a team, refusing a name already used in the organization. */
    @Transactional
    public Team createTeam(UUID organizationId, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IdentityException("team.name.invalid");
        }
        boolean taken = jdbc.sql("SELECT count(*) FROM team WHERE organization_id = ? AND lower(name) = lower(?)")
                        .params(organizationId, trimmed)
                        .query(Long.class)
                        .single()
                > 0;
        if (taken) {
            throw new IdentityException("team.name.taken");
        }
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO team (id, organization_id, name) VALUES (?, ?, ?)")
                .params(id, organizationId, trimmed)
                .update();
        events.other(
                IdentityEvent.Kind.TEAM_CREATED, organizationId, null, id, "team", java.util.Map.of("name", trimmed));
        return new Team(id, organizationId, trimmed);
    }

    public List<Team> teams(UUID organizationId) {
        return jdbc.sql("SELECT id, organization_id, name FROM team WHERE organization_id = ? ORDER BY lower(name)")
                .param(organizationId)
                .query(Team.class)
                .list();
    }

    public Optional<Team> team(UUID teamId) {
        return jdbc.sql("SELECT id, organization_id, name FROM team WHERE id = ?")
                .param(teamId)
                .query(Team.class)
                .optional();
    }
}
