package org.haven.identity;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * Someone whose password was right but who has not yet passed the second factor. Holds no
 * permissions; the session only lets them reach the second-factor pages.
 *
 * @param userId the account
 * @param secondFactorEnrolled whether they must verify (true) or may or must enroll (false)
 */
record PendingSignIn(UUID userId, boolean secondFactorEnrolled) implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String AUTHORITY = "MFA_PENDING";

    @Override
    public String getName() {
        return userId.toString();
    }
}
