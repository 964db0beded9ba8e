package org.haven.audit;

import org.haven.vault.VaultEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records key rotations and erasures, in their transaction. */
@Component
class VaultAuditing {

    private final AuditTrail trail;

    VaultAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(VaultEvent event) {
        AuditEntry.Builder entry = switch (event.kind()) {
            case KEYS_ROTATED ->
                AuditEntry.of(AuditAction.KEYS_ROTATED)
                        .organization(event.organizationId())
                        .detail("newKeyId", event.detail());
            // Under the installation's key: the organization's own keys are gone.
            case ORGANIZATION_ERASED ->
                AuditEntry.of(AuditAction.ORGANIZATION_ERASED).detail("keysetsDestroyed", event.detail());
        };
        trail.record(entry.on("organization", event.organizationId()).build());
    }
}
