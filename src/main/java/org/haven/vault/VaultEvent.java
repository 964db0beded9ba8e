package org.haven.vault;

import java.util.UUID;

/**
 * Key management that must be audited. Published synchronously, in the transaction of the change.
 *
 * @param kind what happened
 * @param organizationId whose keys
 * @param detail a number worth keeping (rows re-encrypted, keysets destroyed)
 */
public record VaultEvent(Kind kind, UUID organizationId, long detail) {

    public enum Kind {
        KEYS_ROTATED,
        ORGANIZATION_ERASED
    }
}
