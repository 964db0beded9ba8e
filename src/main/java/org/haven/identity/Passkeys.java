package org.haven.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A person's registered passkeys: listing, removal, and removal of all (second-factor reset). */
@Component
class Passkeys {

    /** A passkey as shown to its owner. */
    record PasskeyView(String id, String label, Instant created, Instant lastUsed) {}

    private final JdbcClient jdbc;
    private final StaffUsers users;
    private final IdentityEvents events;

    Passkeys(JdbcClient jdbc, StaffUsers users, IdentityEvents events) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    List<PasskeyView> list(UUID userId) {
        return jdbc.sql("SELECT c.credential_id, c.label, c.created, c.last_used FROM user_credentials c"
                        + " JOIN user_entities e ON e.id = c.user_entity_user_id WHERE e.name = ? ORDER BY c.created")
                .param(userId.toString())
                .query((rs, row) -> new PasskeyView(
                        rs.getString("credential_id"),
                        rs.getString("label"),
                        instant(rs.getTimestamp("created")),
                        instant(rs.getTimestamp("last_used"))))
                .list();
    }

    /** Removes one of the person's passkeys; false when they have no such passkey. */
    @org.springframework.transaction.annotation.Transactional
    boolean remove(UUID userId, String credentialId) {
        boolean removed = jdbc.sql("DELETE FROM user_credentials WHERE credential_id = ? AND user_entity_user_id IN"
                                + " (SELECT id FROM user_entities WHERE name = ?)")
                        .params(credentialId, userId.toString())
                        .update()
                == 1;
        if (removed) {
            users.findById(userId)
                    .ifPresent(user ->
                            events.account(IdentityEvent.Kind.PASSKEY_REMOVED, user.organizationId(), userId, userId));
        }
        return removed;
    }

    void removeAll(UUID userId) {
        jdbc.sql(
                        "DELETE FROM user_credentials WHERE user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)")
                .param(userId.toString())
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
