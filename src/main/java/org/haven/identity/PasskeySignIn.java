package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * After a verified passkey: the same full sign-in as password plus second factor (new session id,
 * permissions, language), answered as the JSON the passkey script expects. An account that is no
 * longer active is refused.
 */
@Component
class PasskeySignIn implements AuthenticationSuccessHandler {

    private final SignIns signIns;
    private final SecurityContextRepository contexts;

    PasskeySignIn(SignIns signIns, SecurityContextRepository contexts) {
        this.signIns = signIns;
        this.contexts = contexts;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        response.setContentType("application/json");
        try {
            signIns.complete(UUID.fromString(authentication.getName()), "passkey", request, response);
        } catch (IdentityException | IllegalArgumentException refused) {
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"authenticated\":false}");
            return;
        }
        response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"" + request.getContextPath() + "/\"}");
    }
}
