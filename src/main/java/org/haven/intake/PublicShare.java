package org.haven.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * The public pages' share of the server: at most {@code permits} public requests ({@code /report…}) are
 * worked on at once, so that a flood of the public form cannot take the processors staff need (issue 6,
 * decision 35). Requests beyond the share wait their turn, first come first served, for up to {@code
 * wait}; after that they get a short page in the reporter's language asking them to go back and send
 * again in a minute (503, Retry-After). Nothing about who sends is looked at or kept; the global rate
 * limit of {@link PublicFormGuard} still applies to those admitted.
 */
final class PublicShare extends OncePerRequestFilter {

    private final Semaphore permits;
    private final long waitNanos;
    private final LocaleResolver locales;
    private final MessageSource messages;

    PublicShare(int permits, Duration wait, LocaleResolver locales, MessageSource messages) {
        if (permits < 1) {
            throw new IllegalArgumentException("haven.intake.public-concurrency must be at least 1");
        }
        this.permits = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
        this.locales = locales;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            busy(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** How many more public requests could be worked on now (for tests and metrics). */
    int available() {
        return permits.availablePermits();
    }

    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locales.resolveLocale(request);
        String title = HtmlUtils.htmlEscape(messages.getMessage("report.busy.title", null, locale), "UTF-8");
        String text = HtmlUtils.htmlEscape(messages.getMessage("report.busy.text", null, locale), "UTF-8");
        String back = HtmlUtils.htmlEscape(messages.getMessage("report.busy.back", null, locale), "UTF-8");
        String page = "<!doctype html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/css/haven.css\"></head>"
                + "<body class=\"public\"><main class=\"content narrow\"><h1>" + title + "</h1><p>" + text + "</p>"
                + "<p><a href=\"/report?lang=" + locale.getLanguage() + "\">" + back + "</a></p></main></body></html>";
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "60");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
