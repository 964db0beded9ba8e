package org.haven.intake.abuse;

import java.security.SecureRandom;

/** Fresh 32-byte signing keys for tests. */
final class Keys {

    private Keys() {}

    static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
