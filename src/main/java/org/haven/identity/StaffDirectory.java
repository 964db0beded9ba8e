package org.haven.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who works where, for other modules that assign work and alert people: members of an organization
 * or team and who among them holds a permission. Only active accounts are returned.
 */
@Component
public class StaffDirectory {

    /** A member of staff as other modules need them: never a secret. */
    public record Member(
            UUID id, UUID organizationId, UUID teamId, String displayName, String email, Role role, String language) {

        public boolean can(Permission permission) {
            return role.permissions().contains(permission);
        }
    }

    private final JdbcClient jdbc;

    StaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The active member with this id in this organization, if any. */
    public Optional<Member> member(UUID organization, UUID id) {
        return jdbc.sql(SELECT + " AND id = ?")
                .params(organization, id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** Active members of the organization (of one team when {@code team} is not null) who can do this. */
    public List<Member> holding(UUID organization, UUID team, Permission permission) {
        String[] roles = Arrays.stream(Role.values())
                .filter(r -> r.permissions().contains(permission))
                .map(Role::name)
                .toArray(String[]::new);
        return jdbc.sql(SELECT + " AND role = ANY(?) AND (?::uuid IS NULL OR team_id = ?) ORDER BY display_name")
                .params(organization, roles, team, team)
                .query((rs, n) -> map(rs))
                .list();
    }

    private static final String SELECT = "SELECT id, organization_id, team_id, display_name, email, role,"
            + " preferred_language FROM staff_user WHERE status = 'ACTIVE' AND organization_id = ?";

    private static Member map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Member(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("display_name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getString("preferred_language"));
    }
}
