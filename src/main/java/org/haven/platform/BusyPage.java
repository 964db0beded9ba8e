package org.haven.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The short page that asks someone to try again later (503), written by hand by filters that run before
 * anything else could render one: no template, no session, no database.
 */
public final class BusyPage {

    /** A link back, with its text. */
    public record Link(String href, String text) {}

    private BusyPage() {}

    /**
     * @param retryAfter seconds, for the {@code Retry-After} header
     * @param publicPage styled as the public pages
     * @param back a link back, or null
     */
    public static void write(
            HttpServletResponse response,
            Locale locale,
            String title,
            String text,
            String retryAfter,
            boolean publicPage,
            Link back)
            throws IOException {
        String heading = HtmlUtils.htmlEscape(title, "UTF-8");
        StringBuilder page = new StringBuilder(512)
                .append("<!doctype html><html lang=\"")
                .append(locale.getLanguage())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(heading)
                .append("</title><link rel=\"stylesheet\" href=\"/css/haven.css\"></head><body")
                .append(publicPage ? " class=\"public\"" : "")
                .append("><main class=\"content narrow\"><h1>")
                .append(heading)
                .append("</h1><p>")
                .append(HtmlUtils.htmlEscape(text, "UTF-8"))
                .append("</p>");
        if (back != null) {
            page.append("<p><a href=\"")
                    .append(HtmlUtils.htmlEscape(back.href(), "UTF-8"))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(back.text(), "UTF-8"))
                    .append("</a></p>");
        }
        page.append("</main></body></html>");
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", retryAfter);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
