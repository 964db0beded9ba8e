package org.haven.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of staff accounts. Every statement is explicit SQL. */
@Repository
class StaffUsers {

    private static final String COLUMNS = "id, organization_id, team_id, email, display_name, preferred_language, role,"
            + " status, password_hash, totp_secret, totp_enabled, totp_last_step, failed_attempts, locked_until, version";

    /** {@link #COLUMNS} of the table named {@code u}, for a statement that joins it (read by {@link #map}). */
    static final String COLUMNS_OF_U = java.util.Arrays.stream(COLUMNS.split(","))
            .map(column -> "u." + column.strip())
            .collect(java.util.stream.Collectors.joining(", "));

    private static final String VIEW = "SELECT u.id, u.organization_id, o.name AS organization_name, u.team_id,"
            + " t.name AS team_name, u.email, u.display_name, u.preferred_language, u.role, u.status, u.totp_enabled,"
            + " u.version FROM staff_user u JOIN organization o ON o.id = u.organization_id"
            + " LEFT JOIN team t ON t.id = u.team_id";

    private final JdbcClient jdbc;
    private final IdentityChanges changes;

    StaffUsers(JdbcClient jdbc, IdentityChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** An account's row about to change: token checks kept in memory are dropped (decision 43). */
    private JdbcClient changing() {
        changes.changedHere();
        return jdbc;
    }

    void insert(StaffUser user) {
        jdbc.sql("INSERT INTO staff_user (id, organization_id, team_id, email, display_name, preferred_language, role,"
                        + " status, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        user.id(),
                        user.organizationId(),
                        user.teamId(),
                        user.email(),
                        user.displayName(),
                        user.language(),
                        user.role().name(),
                        user.status().name(),
                        user.passwordHash())
                .update();
    }

    Optional<StaffUser> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE lower(email) = lower(?)")
                .param(email.trim())
                .query(StaffUsers::map)
                .optional();
    }

    Optional<StaffUser> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE id = ?")
                .param(id)
                .query(StaffUsers::map)
                .optional();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT count(*) FROM staff_user WHERE lower(email) = lower(?)")
                        .param(email.trim())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Views of the accounts in one organization, or in all when {@code organizationId} is null. */
    List<UserView> list(UUID organizationId) {
        return jdbc.sql(VIEW + " WHERE (CAST(? AS uuid) IS NULL OR u.organization_id = ?)"
                        + " ORDER BY o.name, lower(u.display_name)")
                .params(organizationId, organizationId)
                .query(StaffUsers::mapView)
                .list();
    }

    Optional<UserView> view(UUID id) {
        return jdbc.sql(VIEW + " WHERE u.id = ?")
                .param(id)
                .query(StaffUsers::mapView)
                .optional();
    }

    /**
     * Changes role, team and status if the row still has {@code expectedVersion}.
     *
     * @return false when someone else changed the account first
     */
    boolean updateAdministrative(UUID id, int expectedVersion, Role role, UUID teamId, UserStatus status) {
        return changing()
                        .sql(
                                "UPDATE staff_user SET role = ?, team_id = ?, status = ?, version = version + 1, updated_at = now()"
                                        + " WHERE id = ? AND version = ?")
                        .params(role.name(), teamId, status.name(), id, expectedVersion)
                        .update()
                == 1;
    }

    /** Adds one failed attempt and returns the new count. */
    int incrementFailures(UUID id) {
        return changing()
                .sql(
                        "UPDATE staff_user SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts")
                .param(id)
                .query(Integer.class)
                .single();
    }

    void lockUntil(UUID id, Instant lockedUntil) {
        changing()
                .sql("UPDATE staff_user SET locked_until = ? WHERE id = ?")
                .params(timestamp(lockedUntil), id)
                .update();
    }

    void clearFailures(UUID id) {
        changing()
                .sql(
                        "UPDATE staff_user SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND failed_attempts > 0")
                .param(id)
                .update();
    }

    void updatePassword(UUID id, String passwordHash, UserStatus status) {
        changing()
                .sql("UPDATE staff_user SET password_hash = ?, status = ?, version = version + 1, updated_at = now()"
                        + " WHERE id = ?")
                .params(passwordHash, status.name(), id)
                .update();
    }

    void updateLanguage(UUID id, String language) {
        changing()
                .sql("UPDATE staff_user SET preferred_language = ?, updated_at = now() WHERE id = ?")
                .params(language, id)
                .update();
    }

    /** Turns TOTP on with an encrypted seed; {@code usedStep} is the step of the confirming code. */
    void enableTotp(UUID id, byte[] encryptedSecret, long usedStep) {
        changing()
                .sql("UPDATE staff_user SET totp_secret = ?, totp_enabled = true, totp_last_step = ?,"
                        + " version = version + 1, updated_at = now() WHERE id = ?")
                .params(encryptedSecret, usedStep, id)
                .update();
    }

    /**
     * Records the time step of an accepted code, only if it is newer than the last one used.
     *
     * @return false when this step (or a later one) was already used: a replay
     */
    boolean advanceTotpStep(UUID id, long step) {
        return changing()
                        .sql("UPDATE staff_user SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
                        .params(step, id, step)
                        .update()
                == 1;
    }

    void clearTotp(UUID id) {
        changing()
                .sql("UPDATE staff_user SET totp_secret = NULL, totp_enabled = false, totp_last_step = 0,"
                        + " version = version + 1, updated_at = now() WHERE id = ?")
                .param(id)
                .update();
    }

    static StaffUser map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new StaffUser(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("preferred_language"),
                Role.valueOf(rs.getString("role")),
                UserStatus.valueOf(rs.getString("status")),
                rs.getString("password_hash"),
                rs.getBytes("totp_secret"),
                rs.getBoolean("totp_enabled"),
                rs.getLong("totp_last_step"),
                rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant(),
                rs.getInt("version"));
    }

    private static UserView mapView(ResultSet rs, int row) throws SQLException {
        return new UserView(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("organization_name"),
                rs.getObject("team_id", UUID.class),
                rs.getString("team_name"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("preferred_language"),
                Role.valueOf(rs.getString("role")),
                UserStatus.valueOf(rs.getString("status")),
                rs.getBoolean("totp_enabled"),
                rs.getInt("version"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
