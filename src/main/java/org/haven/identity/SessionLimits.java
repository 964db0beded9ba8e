package org.haven.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.haven.platform.HavenProperties;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute session lifetime: however active, a session ends {@code haven.session.absolute-timeout}
 * after sign-in. (The idle timeout is the session store's own inactivity limit.)
 */
class SessionLimits extends OncePerRequestFilter {

    private final long absoluteMillis;
    private final Clock clock;

    SessionLimits(HavenProperties properties, Clock clock) {
        this.absoluteMillis = properties.session().absoluteTimeout().toMillis();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(SignIns.SIGNED_IN_AT) instanceof Long signedInAt
                && clock.millis() - signedInAt > absoluteMillis) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
