package org.haven.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.haven.identity.IdentityFixtures.Person;

/**
 * A browser-like HTTP session without a browser: cookies, CSRF tokens read from forms, redirects
 * followed by hand. For tests about headers, cookies and sessions, where Chromium would hide them.
 */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");

    final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String base;
    private String lastCsrf;

    WebSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher csrf = CSRF.matcher(response.body());
        if (csrf.find()) {
            lastCsrf = csrf.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (lastCsrf != null) {
            fields.putIfAbsent("_csrf", lastCsrf);
        }
        return postRaw(path, fields);
    }

    HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts JSON as the passkey script does, with the CSRF token of the last page read in a header. */
    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", lastCsrf == null ? "" : lastCsrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Signs in with password and (enrolling if needed) a TOTP code; returns the TOTP seed. */
    String signIn(Person person, String knownSeed) {
        get("/login");
        HttpResponse<String> afterPassword =
                post("/login", Map.of("email", person.email(), "password", person.password()));
        String location = afterPassword.headers().firstValue("Location").orElse("");
        TotpCodes totp = new TotpCodes(Clock.systemUTC());
        if (location.endsWith("/mfa/enroll")) {
            Matcher secret = SECRET.matcher(get("/mfa/enroll").body());
            if (!secret.find()) {
                throw new IllegalStateException("no seed on the enrollment page");
            }
            String seed = secret.group(1).replace(" ", "");
            post("/mfa/enroll", Map.of("code", totp.codeAt(seed, totp.currentStep())));
            return seed;
        }
        if (location.endsWith("/mfa")) {
            get("/mfa");
            post("/mfa", Map.of("code", totp.codeAt(knownSeed, totp.currentStep() + 1)));
            return knownSeed;
        }
        return knownSeed;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
