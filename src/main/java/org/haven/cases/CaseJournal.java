package org.haven.cases;

import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Records a piece of case work twice, in its transaction: on the case's timeline (a code, for
 * everyone who reaches the case) and in the audit trail (who, what, which row, with details
 * encrypted). Sections call it so the two never drift apart.
 */
@Component
class CaseJournal {

    private final Timeline timeline;
    private final AuditTrail audit;

    CaseJournal(Timeline timeline, AuditTrail audit) {
        this.timeline = timeline;
        this.audit = audit;
    }

    /** Something was added to the case: {@code details} are audit detail name/value pairs. */
    void created(
            CurrentUser actor, CaseFile file, String event, String table, UUID id, String code, Object... details) {
        record(actor, file, event, table, id, code, AuditEntry.of(AuditAction.RECORD_CREATED), details);
    }

    /** Something of the case changed: the fields named, with detail name/value pairs. */
    void changed(
            CurrentUser actor,
            CaseFile file,
            String event,
            String table,
            UUID id,
            List<String> fields,
            String code,
            Object... details) {
        record(
                actor,
                file,
                event,
                table,
                id,
                code,
                AuditEntry.of(AuditAction.RECORD_CHANGED).fields(fields),
                details);
    }

    private void record(
            CurrentUser actor,
            CaseFile file,
            String event,
            String table,
            UUID id,
            String code,
            AuditEntry.Builder entry,
            Object... details) {
        timeline.add(file.organizationId(), file.id(), event, actor.id(), id, code);
        entry.by(actor.id(), file.organizationId())
                .on(table, id)
                .detail("case", file.id().toString());
        for (int i = 0; i + 1 < details.length; i += 2) {
            entry.detail((String) details[i], details[i + 1]);
        }
        audit.record(entry.build());
    }
}
