package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.platform.HavenLocales;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Turns a pending sign-in into a full one once the second factor is done (or not required): a new
 * session id, the person's permissions, their language, and the time of sign-in for the absolute
 * session limit.
 */
@Component
class SignIns {

    static final String SIGNED_IN_AT = "haven.signedInAt";

    private final StaffUsers users;
    private final SecurityContextRepository contexts;
    private final Clock clock;
    private final IdentityEvents events;

    SignIns(StaffUsers users, SecurityContextRepository contexts, Clock clock, IdentityEvents events) {
        this.users = users;
        this.contexts = contexts;
        this.clock = clock;
        this.events = events;
    }

    /** The pending sign-in of this request, or null. */
    static PendingSignIn pending(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof PendingSignIn pending) {
            return pending;
        }
        return null;
    }

    /** The signed-in person of this request, or null. */
    static CurrentUser current(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        return null;
    }

    /**
     * Completes the sign-in of {@code userId} in this request's session and records it.
     *
     * @param method how the person proved who they are, for the audit trail
     */
    void complete(UUID userId, String method, HttpServletRequest request, HttpServletResponse response) {
        StaffUser user = users.findById(userId).filter(StaffUser::active).orElse(null);
        if (user == null) {
            events.signInRefused(null, userId, method, null);
            throw new IdentityException("signin.failed");
        }
        events.other(
                IdentityEvent.Kind.SIGN_IN,
                user.organizationId(),
                user.id(),
                user.id(),
                "staff_user",
                java.util.Map.of("method", method));
        CurrentUser current = user.toCurrentUser();
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(current, null, authorities(current)));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(SIGNED_IN_AT, clock.millis());
        HavenLocales.remember(request, Locale.forLanguageTag(user.language()));
    }

    static List<GrantedAuthority> authorities(CurrentUser user) {
        return user.permissions().stream()
                .map(permission -> (GrantedAuthority) new SimpleGrantedAuthority(permission.authority()))
                .toList();
    }
}
