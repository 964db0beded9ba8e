package org.haven.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.haven.platform.BusyPage;
import org.haven.platform.Share;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The public pages' share of the server: at most {@code permits} public requests ({@code /report…}) are
 * worked on at once, so that a flood of the public form cannot take the processors staff need (issue 6,
 * decision 35). Requests beyond the share wait their turn, first come first served, for up to {@code
 * wait}; after that they get a short page in the reporter's language asking them to go back and send
 * again in a minute (503, Retry-After). Nothing about who sends is looked at or kept; the global rate
 * limit of {@link PublicFormGuard} still applies to those admitted.
 */
final class PublicShare extends OncePerRequestFilter {

    private final Share share;
    private final LocaleResolver locales;
    private final MessageSource messages;

    PublicShare(int permits, Duration wait, LocaleResolver locales, MessageSource messages) {
        this.share = new Share("haven.intake.public-concurrency", permits, wait);
        this.locales = locales;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!share.enter()) {
            busy(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            share.leave();
        }
    }

    /** How many more public requests could be worked on now (for tests and metrics). */
    int available() {
        return share.available();
    }

    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locales.resolveLocale(request);
        BusyPage.write(
                response,
                locale,
                messages.getMessage("report.busy.title", null, locale),
                messages.getMessage("report.busy.text", null, locale),
                "60",
                true,
                new BusyPage.Link(
                        "/report?lang=" + locale.getLanguage(), messages.getMessage("report.busy.back", null, locale)));
    }
}
