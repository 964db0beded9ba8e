package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.haven.platform.HavenProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Where a person goes after the password: to the second-factor check when they have one, to
 * enrollment when one is required and missing, or (demo mode only) straight in. Also sends a person
 * who is halfway through sign-in back to the second factor instead of showing "forbidden".
 */
@Component
class SignInRouting implements AuthenticationSuccessHandler, AccessDeniedHandler {

    private final HavenProperties properties;
    private final SignIns signIns;
    private final Clock clock;

    SignInRouting(HavenProperties properties, SignIns signIns, Clock clock) {
        this.properties = properties;
        this.signIns = signIns;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        PendingSignIn pending = SignIns.pending(authentication);
        request.getSession().setAttribute(SignIns.SIGNED_IN_AT, clock.millis());
        if (pending == null) {
            response.sendRedirect(request.getContextPath() + "/");
        } else if (pending.secondFactorEnrolled()) {
            response.sendRedirect(request.getContextPath() + "/mfa");
        } else if (!properties.demo()) {
            response.sendRedirect(request.getContextPath() + "/mfa/enroll");
        } else {
            signIns.complete(pending.userId(), "password", request, response);
            response.sendRedirect(request.getContextPath() + "/");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        PendingSignIn pending =
                SignIns.pending(SecurityContextHolder.getContext().getAuthentication());
        if (pending != null) {
            response.sendRedirect(request.getContextPath() + (pending.secondFactorEnrolled() ? "/mfa" : "/mfa/enroll"));
            return;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
}
