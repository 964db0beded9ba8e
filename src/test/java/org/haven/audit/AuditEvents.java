package org.haven.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads audit events back for tests of other modules, with their details decrypted. */
public final class AuditEvents {

    /** One stored event. */
    public record Event(
            String action,
            UUID actorId,
            String recordType,
            UUID recordId,
            List<String> fields,
            Map<String, Object> details) {}

    private final JdbcClient jdbc;
    private final AuditTrail trail;

    public AuditEvents(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.trail = context.getBean(AuditTrail.class);
    }

    /** The organization's events with this action, oldest first. */
    public List<Event> of(UUID organization, AuditAction action) {
        return jdbc.sql("SELECT id, actor_id, record_type, record_id, fields, details FROM audit_event"
                        + " WHERE organization_id = ? AND action = ? ORDER BY occurred_at, seq")
                .params(organization, action.name())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String fields = rs.getString(5);
                    return new Event(
                            action.name(),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getObject(4, UUID.class),
                            fields == null || fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
                            trail.openDetails(id, organization, rs.getBytes(6)));
                })
                .list();
    }
}
