package org.haven.audit;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** How the current work reached Haven, from the request being served (none: admin command or job). */
final class Channels {

    private static volatile String withoutRequest = "system";

    private Channels() {}

    static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String path = attributes.getRequest().getRequestURI();
            if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
                return "api";
            }
            if (path.startsWith("/report")) {
                return "public";
            }
            return "web";
        }
        return withoutRequest;
    }

    /** Work outside requests in this process is an operator's (admin commands) rather than a job's. */
    static void outsideRequestsAre(String channel) {
        withoutRequest = channel;
    }
}
