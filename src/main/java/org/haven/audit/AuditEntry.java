package org.haven.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to append to the audit trail. Field names are stored in clear (they say what changed,
 * not to what); {@code details} — search terms, old and new values, reasons, typed e-mail addresses —
 * are encrypted under the organization's key.
 *
 * @param action what happened
 * @param outcome whether it was allowed and worked
 * @param organizationId whose data (null: the installation's)
 * @param actorId the staff user who acted (null: anonymous or the system)
 * @param channel how: web, api, admin, system, public
 * @param recordType the kind of record touched (for example "staff_user", "person")
 * @param recordId the record touched
 * @param fields names of the fields read or changed
 * @param details sensitive particulars, encrypted at rest
 */
public record AuditEntry(
        AuditAction action,
        Outcome outcome,
        UUID organizationId,
        UUID actorId,
        String channel,
        String recordType,
        UUID recordId,
        List<String> fields,
        Map<String, Object> details) {

    public enum Outcome {
        SUCCESS,
        DENIED,
        FAILURE
    }

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(channel, "channel");
        fields = List.copyOf(fields);
        details = Map.copyOf(details);
        for (String field : fields) {
            if (field.contains(",")) {
                throw new IllegalArgumentException("field names cannot contain commas");
            }
        }
    }

    /** Starts an entry: {@code AuditEntry.of(RECORD_READ).by(user, org).on("person", id).build()}. */
    public static Builder of(AuditAction action) {
        return new Builder(action);
    }

    /** Builds an {@link AuditEntry}. */
    public static final class Builder {
        private final AuditAction action;
        private Outcome outcome = Outcome.SUCCESS;
        private UUID organizationId;
        private UUID actorId;
        private String channel = Channels.current();
        private String recordType;
        private UUID recordId;
        private final List<String> fields = new ArrayList<>();
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(AuditAction action) {
            this.action = action;
        }

        public Builder by(UUID actor, UUID organization) {
            this.actorId = actor;
            this.organizationId = organization;
            return this;
        }

        public Builder organization(UUID organization) {
            this.organizationId = organization;
            return this;
        }

        public Builder via(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder on(String type, UUID id) {
            this.recordType = type;
            this.recordId = id;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder fields(List<String> names) {
            this.fields.addAll(names);
            return this;
        }

        /** A sensitive particular; null values are left out. */
        public Builder detail(String name, Object value) {
            if (value != null) {
                this.details.put(name, value);
            }
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(
                    action, outcome, organizationId, actorId, channel, recordType, recordId, fields, details);
        }
    }
}
