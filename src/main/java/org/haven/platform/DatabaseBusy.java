package org.haven.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * When a request gets no database connection in time (every one taken for longer than the pool waits,
 * or the database out of reach), it is answered "busy, try again in a few seconds"
 * (503 with Retry-After) instead of failing with a 500 (decision 38). The outermost filter, because even
 * the session store and the error page need the database; the answer it writes needs none.
 */
final class DatabaseBusy extends OncePerRequestFilter {

    /** Seconds a person is asked to wait before trying again. */
    static final String RETRY_AFTER = "10";

    private static final Logger log = LoggerFactory.getLogger(DatabaseBusy.class);

    private final LocaleResolver locales;
    private final MessageSource messages;

    DatabaseBusy(LocaleResolver locales, MessageSource messages) {
        this.locales = locales;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            Throwable unavailable = connectionUnavailable(failure);
            if (unavailable == null || response.isCommitted()) {
                throw failure;
            }
            // The pool's own words (its name and how many connections were taken and waited for) help an
            // operator size it; nothing about the request or the person is logged.
            log.warn(
                    "A request got no database connection in time and was asked to try again: {}",
                    unavailable.getMessage());
            busy(request, response);
        }
    }

    /** The failure to get a database connection behind {@code failure}, or null if it is something else. */
    static Throwable connectionUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException) {
                return cause;
            }
        }
        return null;
    }

    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            response.setHeader("Retry-After", RETRY_AFTER);
            response.setHeader("Cache-Control", "no-store");
            Problems.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Service Unavailable",
                    messages.getMessage("server.busy", null, Locale.ENGLISH));
            return;
        }
        Locale locale = locales.resolveLocale(request);
        // The public form's own words (in its five languages): wait a minute, go back and send again.
        boolean reporting = path.startsWith("/report");
        BusyPage.write(
                response,
                locale,
                messages.getMessage(reporting ? "report.busy.title" : "server.busy.title", null, locale),
                messages.getMessage(reporting ? "report.busy.text" : "server.busy", null, locale),
                RETRY_AFTER,
                reporting,
                null);
    }
}
