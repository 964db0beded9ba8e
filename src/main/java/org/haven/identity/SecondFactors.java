package org.haven.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.haven.vault.SecretBox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP enrollment and verification, and recovery codes. Seeds are stored encrypted (bound to the
 * account's row); an accepted code's time step is recorded so the same code cannot be used twice;
 * wrong codes count towards the same lockout as wrong passwords.
 */
@Service
class SecondFactors {

    static final String TABLE = "staff_user";
    static final String COLUMN = "totp_secret";
    static final String PENDING_COLUMN = "pending_totp_secret";

    private final StaffUsers users;
    private final TotpCodes totp;
    private final RecoveryCodes recoveryCodes;
    private final SecretBox box;
    private final PasswordAuthenticator authenticator;
    private final Sessions sessions;
    private final Clock clock;
    private final IdentityEvents events;

    SecondFactors(
            StaffUsers users,
            TotpCodes totp,
            RecoveryCodes recoveryCodes,
            SecretBox box,
            PasswordAuthenticator authenticator,
            Sessions sessions,
            Clock clock,
            IdentityEvents events) {
        this.events = events;
        this.users = users;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.box = box;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A new seed, sealed for keeping in the session until the person confirms it with a code. */
    byte[] newPendingSeed(UUID userId) {
        return box.seal(totp.newSecret().getBytes(StandardCharsets.US_ASCII), TABLE, PENDING_COLUMN, userId);
    }

    /** The plain seed of a pending enrollment, for the QR code and the manual entry. */
    String pendingSeed(UUID userId, byte[] sealed) {
        return new String(box.open(sealed, TABLE, PENDING_COLUMN, userId), StandardCharsets.US_ASCII);
    }

    byte[] qrCode(UUID userId, byte[] sealed) {
        StaffUser user = users.findById(userId).orElseThrow(() -> new IdentityException("user.notFound"));
        return totp.qrPng(pendingSeed(userId, sealed), user.email());
    }

    /**
     * Confirms an enrollment with a code from the app, stores the seed, and returns ten new recovery
     * codes. Ends the account's other sessions.
     */
    @Transactional(noRollbackFor = IdentityException.class)
    List<String> confirmEnrollment(UUID userId, byte[] sealed, String code, String keepSessionId) {
        StaffUser user = usable(userId);
        String seed = pendingSeed(userId, sealed);
        OptionalLong step = totp.verify(seed, code);
        if (step.isEmpty()) {
            authenticator.recordFailure(user, clock.instant());
            events.refused(IdentityEvent.Kind.SECOND_FACTOR_CHANGED, user.organizationId(), userId, userId);
            throw new IdentityException("mfa.codeWrong");
        }
        events.account(IdentityEvent.Kind.SECOND_FACTOR_CHANGED, user.organizationId(), userId, userId);
        users.enableTotp(
                userId, box.seal(seed.getBytes(StandardCharsets.US_ASCII), TABLE, COLUMN, userId), step.getAsLong());
        users.clearFailures(userId);
        sessions.endAll(userId, keepSessionId);
        return recoveryCodes.regenerate(userId);
    }

    /** Checks a TOTP code at sign-in; refuses wrong and replayed codes. */
    @Transactional(noRollbackFor = IdentityException.class)
    void verify(UUID userId, String code) {
        StaffUser user = usable(userId);
        if (!user.totpEnabled() || user.totpSecret() == null) {
            throw new IdentityException("mfa.notEnrolled");
        }
        String seed = new String(box.open(user.totpSecret(), TABLE, COLUMN, userId), StandardCharsets.US_ASCII);
        OptionalLong step = totp.verify(seed, code);
        if (step.isEmpty() || !users.advanceTotpStep(userId, step.getAsLong())) {
            authenticator.recordFailure(user, clock.instant());
            events.signInRefused(user.organizationId(), userId, "totp:wrong", null);
            throw new IdentityException("mfa.codeWrong");
        }
        users.clearFailures(userId);
    }

    /** Signs in with a recovery code, using it up. Returns how many codes remain. */
    @Transactional(noRollbackFor = IdentityException.class)
    int recover(UUID userId, String code) {
        StaffUser user = usable(userId);
        if (!recoveryCodes.consume(userId, code)) {
            authenticator.recordFailure(user, clock.instant());
            events.signInRefused(user.organizationId(), userId, "recovery-code:wrong", null);
            throw new IdentityException("mfa.recoveryWrong");
        }
        users.clearFailures(userId);
        return recoveryCodes.remaining(userId);
    }

    /** Replaces the recovery codes of a signed-in person. */
    @Transactional
    List<String> regenerateRecoveryCodes(UUID userId) {
        StaffUser user = usable(userId);
        if (!user.totpEnabled()) {
            throw new IdentityException("mfa.notEnrolled");
        }
        events.account(IdentityEvent.Kind.RECOVERY_CODES_REGENERATED, user.organizationId(), userId, userId);
        return recoveryCodes.regenerate(userId);
    }

    int remainingRecoveryCodes(UUID userId) {
        return recoveryCodes.remaining(userId);
    }

    boolean enrolled(UUID userId) {
        return users.findById(userId).map(StaffUser::totpEnabled).orElse(false);
    }

    private StaffUser usable(UUID userId) {
        StaffUser user = users.findById(userId)
                .filter(StaffUser::active)
                .orElseThrow(() -> new IdentityException("signin.failed"));
        if (user.lockedAt(clock.instant())) {
            throw new IdentityException("signin.paused");
        }
        return user;
    }
}
