package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Component;

/**
 * The challenge of a passkey ceremony between its two requests (options, then the signed answer).
 * Spring Security keeps it in the HTTP session by default, but its types are not serializable and
 * Haven's sessions live in PostgreSQL, so it is kept here, in memory, per session, for five minutes at
 * most, and used once. With several application nodes, passkeys therefore need session affinity (see
 * docs/decisions.md).
 */
@Component
class PasskeyCeremonies implements PublicKeyCredentialCreationOptionsRepository {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_CEREMONIES = 10_000;

    private record Pending(Object options, Instant expires) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final PublicKeyCredentialRequestOptionsRepository requestOptions = new RequestOptions();

    PasskeyCeremonies(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(
            HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        put(request, "create", options);
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        return take(request, "create", PublicKeyCredentialCreationOptions.class);
    }

    /** The sign-in side of this store (its interface clashes with the registration side's). */
    PublicKeyCredentialRequestOptionsRepository requestOptions() {
        return requestOptions;
    }

    private final class RequestOptions implements PublicKeyCredentialRequestOptionsRepository {
        @Override
        public void save(
                HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialRequestOptions options) {
            put(request, "get", options);
        }

        @Override
        public PublicKeyCredentialRequestOptions load(HttpServletRequest request) {
            return take(request, "get", PublicKeyCredentialRequestOptions.class);
        }
    }

    private void put(HttpServletRequest request, String kind, Object options) {
        if (options == null) {
            pending.remove(key(request, kind));
            return;
        }
        Instant now = clock.instant();
        if (pending.size() >= MAX_CEREMONIES) {
            // Sweep expired ceremonies only when full, so ordinary requests never scan the store.
            pending.values().removeIf(entry -> entry.expires().isBefore(now));
            if (pending.size() >= MAX_CEREMONIES) {
                return;
            }
        }
        pending.put(key(request, kind), new Pending(options, now.plus(LIFETIME)));
    }

    private <T> T take(HttpServletRequest request, String kind, Class<T> type) {
        Pending entry = pending.remove(key(request, kind));
        if (entry == null || entry.expires().isBefore(clock.instant()) || !type.isInstance(entry.options())) {
            return null;
        }
        return type.cast(entry.options());
    }

    private static String key(HttpServletRequest request, String kind) {
        return kind + ":" + request.getSession().getId();
    }
}
