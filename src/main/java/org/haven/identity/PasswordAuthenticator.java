package org.haven.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.platform.Secrets;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks e-mail and password. Every refusal looks the same to the person signing in (unknown e-mail,
 * wrong password, paused after failures, suspended, not yet activated), and an unknown e-mail still
 * costs one Argon2id hash, so neither the message nor the timing tells whether an account exists.
 * Success yields a {@link PendingSignIn}: the second factor comes next.
 */
@Component
class PasswordAuthenticator implements AuthenticationProvider {

    private final StaffUsers users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String decoyHash;
    private final IdentityEvents events;

    PasswordAuthenticator(
            StaffUsers users,
            PasswordEncoder encoder,
            Clock clock,
            TransactionTemplate transactions,
            IdentityEvents events) {
        this.users = users;
        this.events = events;
        this.encoder = encoder;
        this.clock = clock;
        this.transactions = transactions;
        this.decoyHash = encoder.encode(Secrets.randomToken(24));
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String email = String.valueOf(request.getName()).strip();
        String password =
                request.getCredentials() == null ? "" : request.getCredentials().toString();
        if (email.length() > 254 || password.length() > PasswordPolicy.MAX_LENGTH) {
            encoder.matches("decoy", decoyHash);
            events.signInRefused(null, null, "password:oversized", null);
            throw refused();
        }
        Optional<StaffUser> found = users.findByEmail(email);
        if (found.isEmpty() || found.get().passwordHash() == null) {
            encoder.matches(password, decoyHash);
            UUID subject = found.map(StaffUser::id).orElse(null);
            UUID organization = found.map(StaffUser::organizationId).orElse(null);
            events.signInRefused(organization, subject, "password:unknown-account", email);
            throw refused();
        }
        StaffUser user = found.get();
        Instant now = clock.instant();
        if (user.lockedAt(now)) {
            encoder.matches(password, decoyHash);
            events.signInRefused(user.organizationId(), user.id(), "password:paused", null);
            throw refused();
        }
        if (!encoder.matches(password, user.passwordHash())) {
            recordFailure(user, now);
            events.signInRefused(user.organizationId(), user.id(), "password:wrong", null);
            throw refused();
        }
        if (!user.active()) {
            events.signInRefused(
                    user.organizationId(),
                    user.id(),
                    "password:" + user.status().name(),
                    null);
            throw refused();
        }
        users.clearFailures(user.id());
        PendingSignIn pending = new PendingSignIn(user.id(), user.totpEnabled());
        return UsernamePasswordAuthenticationToken.authenticated(
                pending, null, List.of(new SimpleGrantedAuthority(PendingSignIn.AUTHORITY)));
    }

    /**
     * Counts a failed attempt (password or second factor) and pauses the account when due. The count
     * is incremented in the database, so parallel guesses cannot each see the same old count.
     */
    void recordFailure(StaffUser user, Instant now) {
        transactions.executeWithoutResult(status -> {
            int failures = users.incrementFailures(user.id());
            Instant until = LockoutPolicy.lockedUntil(failures, now);
            if (until != null) {
                users.lockUntil(user.id(), until);
            }
        });
    }

    private static BadCredentialsException refused() {
        return new BadCredentialsException("refused");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
