package org.haven.vault;

import java.util.UUID;

/** An organization's keys were destroyed (erasure): its encrypted data is gone for good. */
public class KeysDestroyedException extends RuntimeException {

    KeysDestroyedException(UUID organization) {
        super("The keys of organization " + organization + " were destroyed; its encrypted data cannot be read");
    }
}
