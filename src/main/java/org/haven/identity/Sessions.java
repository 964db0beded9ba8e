package org.haven.identity;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends a person's server-side sessions: "sign out everywhere", and after a password or second-factor
 * change, a suspension, a role change or a second-factor reset. Sessions live in PostgreSQL (Spring
 * Session JDBC, indexed by the user id as principal name), so deleting the rows ends them on every
 * node at once — and works from the admin command line too, where no web session machinery runs.
 */
@Component
class Sessions {

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes every session of {@code userId} except {@code keepSessionId} (which may be null).
     *
     * @return how many sessions were ended
     */
    int endAll(UUID userId, String keepSessionId) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = ? AND session_id <> coalesce(?, '')")
                .params(userId.toString(), keepSessionId)
                .update();
    }
}
