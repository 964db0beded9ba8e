package org.haven.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.haven.platform.HavenLocales;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people do to their own account: activate it, change password and language, sign out everywhere. */
@Service
class Accounts {

    private final StaffUsers users;
    private final Activations activations;
    private final PasswordPolicy passwords;
    private final PasswordEncoder encoder;
    private final Sessions sessions;
    private final PasswordAuthenticator authenticator;
    private final Clock clock;
    private final IdentityEvents events;

    Accounts(
            StaffUsers users,
            Activations activations,
            PasswordPolicy passwords,
            PasswordEncoder encoder,
            Sessions sessions,
            PasswordAuthenticator authenticator,
            Clock clock,
            IdentityEvents events) {
        this.events = events;
        this.users = users;
        this.activations = activations;
        this.passwords = passwords;
        this.encoder = encoder;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** The invited account behind an activation token, if the token is still good. */
    Optional<StaffUser> invited(String token) {
        return activations.peek(token).flatMap(users::findById).filter(user -> user.status() == UserStatus.INVITED);
    }

    /** Sets the first password of an invited account and activates it. */
    @Transactional
    void activate(String token, String password) {
        StaffUser user = invited(token).orElseThrow(() -> new IdentityException("activation.invalid"));
        passwords.require(password, user.email());
        if (!activations.consume(token)) {
            throw new IdentityException("activation.invalid");
        }
        users.updatePassword(user.id(), encoder.encode(password), UserStatus.ACTIVE);
        events.account(IdentityEvent.Kind.ACCOUNT_ACTIVATED, user.organizationId(), user.id(), user.id());
    }

    /**
     * Changes the password after checking the current one, and ends every other session.
     *
     * @throws IdentityException "password.currentWrong" (counted as a failed attempt) or a policy key
     */
    @Transactional(noRollbackFor = IdentityException.class)
    void changePassword(UUID userId, String current, String replacement, String keepSessionId) {
        StaffUser user = users.findById(userId).orElseThrow(() -> new IdentityException("user.notFound"));
        if (user.lockedAt(clock.instant())) {
            throw new IdentityException("signin.paused");
        }
        if (current == null || !encoder.matches(current, user.passwordHash())) {
            authenticator.recordFailure(user, clock.instant());
            events.refused(IdentityEvent.Kind.PASSWORD_CHANGED, user.organizationId(), userId, userId);
            throw new IdentityException("password.currentWrong");
        }
        passwords.require(replacement, user.email());
        if (encoder.matches(replacement, user.passwordHash())) {
            throw new IdentityException("password.unchanged");
        }
        users.updatePassword(userId, encoder.encode(replacement), UserStatus.ACTIVE);
        sessions.endAll(userId, keepSessionId);
        events.account(IdentityEvent.Kind.PASSWORD_CHANGED, user.organizationId(), userId, userId);
    }

    @Transactional
    void changeLanguage(UUID userId, String language) {
        if (!HavenLocales.isSupported(language)) {
            throw new IdentityException("user.language.invalid");
        }
        users.updateLanguage(userId, language);
    }

    /** Ends every session of the account, including this one. */
    @Transactional
    int signOutEverywhere(UUID userId) {
        users.findById(userId)
                .ifPresent(user ->
                        events.account(IdentityEvent.Kind.SESSIONS_ENDED, user.organizationId(), userId, userId));
        return sessions.endAll(userId, null);
    }
}
