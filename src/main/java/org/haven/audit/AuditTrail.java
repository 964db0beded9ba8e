package org.haven.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.platform.CopyRows;
import org.haven.platform.Ids;
import org.haven.platform.RoundTrip;
import org.haven.vault.Cell;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the audit trail. Call it inside the transaction of the work being recorded: if
 * the event cannot be written, the exception rolls the work back (no audit, no work). Writers never
 * wait on each other: chaining happens later, in {@link AuditSealer}.
 */
@Component
public class AuditTrail {

    static final String TABLE = "audit_event";
    static final String DETAILS = "details";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Appends one event; returns its id. */
    public UUID record(AuditEntry entry) {
        UUID id = Ids.next();
        RoundTrip.Statement insert = insert(id, entry);
        jdbc.sql(insert.sql()).params(insert.params()).update();
        return id;
    }

    /**
     * The statement {@link #record} runs, for a caller that sends it with its own statements in one
     * round trip ({@link RoundTrip}), in the transaction of the work it records.
     */
    public RoundTrip.Statement statement(AuditEntry entry) {
        return insert(Ids.next(), entry);
    }

    private RoundTrip.Statement insert(UUID id, AuditEntry entry) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return RoundTrip.Statement.of("""
                INSERT INTO audit_event (id, occurred_at, organization_id, actor_id, channel, action, outcome,
                                         record_type, record_id, fields, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values(id, java.sql.Timestamp.from(now), entry));
    }

    /** One event's columns, in the order of the insert and of the COPY; the details sealed here. */
    private Object[] values(UUID id, Object occurredAt, AuditEntry entry) {
        return new Object[] {
            id,
            occurredAt,
            entry.organizationId(),
            entry.actorId(),
            entry.channel(),
            entry.action().name(),
            entry.outcome().name(),
            entry.recordType(),
            entry.recordId(),
            String.join(",", entry.fields()),
            sealDetails(id, entry.organizationId(), entry.details())
        };
    }

    /**
     * The rows of many events for a bulk load, in the binary COPY format, the same rows as
     * {@link #record} would write, in list order (their sequence numbers follow it when written). The
     * caller writes them with {@link CopyRows#copy} in the transaction of the work they record;
     * sealing the details happens here, on the calling thread.
     */
    public CopyRows rowsOf(List<AuditEntry> entries) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CopyRows rows = CopyRows.into(TABLE)
                .column("id", "uuid")
                .column("occurred_at", "timestamptz")
                .column("organization_id", "uuid")
                .column("actor_id", "uuid")
                .column("channel", "text")
                .column("action", "text")
                .column("outcome", "text")
                .column("record_type", "text")
                .column("record_id", "uuid")
                .column("fields", "text")
                .column("details", "bytea");
        for (AuditEntry entry : entries) {
            rows.add(values(Ids.next(), now, entry));
        }
        return rows;
    }

    private byte[] sealDetails(UUID id, UUID organization, Map<String, Object> details) {
        if (details.isEmpty()) {
            return null;
        }
        byte[] json = JSON.writeValueAsBytes(details);
        return cipher.sealBytes(keyOwner(organization), new Cell(TABLE, DETAILS, id), json);
    }

    /** Decrypts an event's details (empty when there are none or the keys were destroyed). */
    Map<String, Object> openDetails(UUID id, UUID organization, byte[] sealed) {
        if (sealed == null) {
            return Map.of();
        }
        byte[] json = cipher.openBytes(keyOwner(organization), new Cell(TABLE, DETAILS, id), sealed);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = JSON.readValue(json, Map.class);
        return details;
    }

    static UUID keyOwner(UUID organization) {
        return organization == null ? FieldCipher.INSTALLATION : organization;
    }
}
