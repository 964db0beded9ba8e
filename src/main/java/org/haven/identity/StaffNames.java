package org.haven.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Display names of staff, for lists that name who did what (audit logs, assignments). */
@Component
public class StaffNames {

    private final JdbcClient jdbc;

    StaffNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<UUID, String> of(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, display_name FROM staff_user WHERE id = ANY(?)")
                .param(ids.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return names;
    }
}
