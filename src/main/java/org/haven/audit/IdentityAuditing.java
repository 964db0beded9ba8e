package org.haven.audit;

import org.haven.audit.AuditEntry.Outcome;
import org.haven.identity.IdentityEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records identity events — sign-ins and their failures, sign-outs, password and second-factor
 * changes, user, role and token changes, every API token use — synchronously, in the transaction of
 * the change: if the event cannot be written, the change does not happen.
 */
@Component
class IdentityAuditing {

    private final AuditTrail trail;

    IdentityAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(IdentityEvent event) {
        AuditEntry.Builder entry = AuditEntry.of(
                        AuditAction.valueOf(event.kind().name()))
                .by(event.actorId(), event.organizationId())
                .via(Channels.current())
                .on(event.subjectType(), event.subjectId())
                .outcome(event.succeeded() ? Outcome.SUCCESS : Outcome.FAILURE)
                .fields(event.fields());
        event.details().forEach(entry::detail);
        trail.record(entry.build());
    }
}
