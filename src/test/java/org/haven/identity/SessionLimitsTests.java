package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.haven.platform.HavenProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** However active, a session ends at the absolute limit after sign-in. */
class SessionLimitsTests {

    static final Instant SIGNED_IN = Instant.parse("2026-11-29T08:00:00Z");

    private static HavenProperties properties() {
        return new HavenProperties(
                Path.of("/tmp"),
                false,
                "",
                new HavenProperties.Database("", "", "", false, "", "", 20, java.time.Duration.ofSeconds(10)),
                new HavenProperties.Session(Duration.ofMinutes(30), Duration.ofHours(12)),
                new HavenProperties.Mail("haven@localhost"));
    }

    private static MockHttpServletResponse requestAt(Instant now, MockHttpSession session) throws Exception {
        SessionLimits limits = new SessionLimits(properties(), Clock.fixed(now, ZoneOffset.UTC));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aSessionWithinItsLifetimeContinues() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignIns.SIGNED_IN_AT, SIGNED_IN.toEpochMilli());
        MockHttpServletResponse response = requestAt(SIGNED_IN.plus(Duration.ofHours(11)), session);
        assertThat(response.getRedirectedUrl()).isNull();
        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void aSessionPastItsLifetimeEndsAndGoesToSignIn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignIns.SIGNED_IN_AT, SIGNED_IN.toEpochMilli());
        MockHttpServletResponse response =
                requestAt(SIGNED_IN.plus(Duration.ofHours(12).plusSeconds(1)), session);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(session.isInvalid()).isTrue();
    }
}
