package org.haven.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.RecordScope;
import org.haven.identity.StaffNames;
import org.haven.platform.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who touched a record, when, how and what they changed — for supervisors and auditors. Change values
 * are decrypted with the organization's key; reading the log is itself audited.
 */
@Service
public class AccessLog {

    static final int LIMIT = 1_000;

    /** One field's change. Values are null when empty, or when the organization's keys were erased. */
    public record Change(String field, Object oldValue, Object newValue) {}

    /** One event about the record. */
    public record Entry(
            UUID eventId,
            Instant at,
            String action,
            String outcome,
            UUID actorId,
            String actorName,
            String channel,
            List<String> fields,
            List<Change> changes) {}

    private final JdbcClient jdbc;
    private final AuditTrail trail;
    private final StaffNames names;

    AccessLog(JdbcClient jdbc, AuditTrail trail, StaffNames names) {
        this.jdbc = jdbc;
        this.trail = trail;
        this.names = names;
    }

    /** Whether someone may read access logs at all. */
    public static boolean mayRead(CurrentUser user) {
        return user != null && (user.can(Permission.ACCESS_LOG_READ));
    }

    /** The record's latest events (up to {@value #LIMIT}) the reader's scope reaches, oldest first. */
    @Transactional
    public List<Entry> of(CurrentUser reader, UUID recordId) {
        if (!mayRead(reader)) {
            throw new Refusal(Refusal.Status.FORBIDDEN, "audit.forbidden");
        }
        boolean network = reader.scope() == RecordScope.NETWORK;
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT * FROM (
                            SELECT id, occurred_at, seq, organization_id, actor_id, channel, action, outcome, fields,
                                   details
                            FROM audit_event
                            WHERE record_id = :record AND (:network OR organization_id = :org)
                              AND action <> 'ACCESS_LOG_READ'
                            ORDER BY occurred_at DESC, seq DESC LIMIT :limit) latest
                        ORDER BY occurred_at, seq
                        """)
                .param("record", recordId)
                .param("network", network)
                .param("org", reader.organizationId())
                .param("limit", LIMIT)
                .query()
                .listOfRows();
        Map<UUID, String> actorNames = names.of(rows.stream()
                .map(row -> (UUID) row.get("actor_id"))
                .filter(Objects::nonNull)
                .toList());
        List<Entry> entries = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            UUID id = (UUID) row.get("id");
            String action = (String) row.get("action");
            UUID actor = (UUID) row.get("actor_id");
            String fields = (String) row.get("fields");
            entries.add(new Entry(
                    id,
                    ((java.sql.Timestamp) row.get("occurred_at")).toInstant(),
                    action,
                    (String) row.get("outcome"),
                    actor,
                    actor == null ? null : actorNames.get(actor),
                    (String) row.get("channel"),
                    fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
                    changes(action, id, (UUID) row.get("organization_id"), (byte[]) row.get("details"))));
        }
        trail.record(AuditEntry.of(AuditAction.ACCESS_LOG_READ)
                .by(reader.id(), reader.organizationId())
                .on("audit_record", recordId)
                .build());
        return entries;
    }

    private List<Change> changes(String action, UUID id, UUID organization, byte[] details) {
        if (!AuditAction.RECORD_CHANGED.name().equals(action)
                && !AuditAction.USER_CHANGED.name().equals(action)) {
            return List.of();
        }
        Map<String, Object> opened;
        try {
            opened = trail.openDetails(id, organization, details);
        } catch (RuntimeException erasedOrUnreadable) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        opened.forEach((field, value) -> {
            if (value instanceof Map<?, ?> change) {
                changes.add(new Change(field, change.get("old"), change.get("new")));
            } else if (field.endsWith(".old")) {
                String name = field.substring(0, field.length() - 4);
                changes.add(new Change(name, value, opened.get(name + ".new")));
            }
        });
        changes.sort(java.util.Comparator.comparing(Change::field));
        return changes;
    }
}
