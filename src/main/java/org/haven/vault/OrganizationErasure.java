package org.haven.vault;

import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Crypto-shredding: destroys an organization's keysets, so its encrypted data — in the database, in
 * every replica and in every backup taken under the current master key's protection once that key is
 * rotated — can never be read again. The act is audited (under the installation's key).
 */
@Component
public class OrganizationErasure {

    private final OrganizationKeys keys;
    private final ApplicationEventPublisher events;

    OrganizationErasure(OrganizationKeys keys, ApplicationEventPublisher events) {
        this.keys = keys;
        this.events = events;
    }

    /** Destroys the organization's keys; returns how many keysets were destroyed. */
    @Transactional
    public int erase(UUID organization) {
        if (FieldCipher.INSTALLATION.equals(organization)) {
            throw new IllegalArgumentException("The installation's own keys cannot be erased");
        }
        int destroyed = keys.destroy(organization);
        events.publishEvent(new VaultEvent(VaultEvent.Kind.ORGANIZATION_ERASED, organization, destroyed));
        return destroyed;
    }

    /** Whether the organization's keys were destroyed. */
    public boolean erased(UUID organization) {
        return keys.destroyed(organization);
    }
}
