package org.haven.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The languages of Haven's staff interface (English and Khmer) and how the language of a request is
 * chosen: the one remembered in the session (set at sign-in from the person's preference, or by the
 * language switch), else the best match of the browser's Accept-Language, else English.
 */
public final class HavenLocales implements LocaleResolver {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale KHMER = Locale.forLanguageTag("km");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, KHMER);
    static final String SESSION_ATTRIBUTE = "haven.locale";

    /** Returns the supported locale for a language tag, or English. */
    public static Locale supported(String tag) {
        if (tag != null) {
            for (Locale locale : SUPPORTED) {
                if (locale.getLanguage().equalsIgnoreCase(tag.strip())) {
                    return locale;
                }
            }
        }
        return ENGLISH;
    }

    /** Whether {@code tag} is exactly one of the supported language tags ("en", "km"). */
    public static boolean isSupported(String tag) {
        return SUPPORTED.stream().anyMatch(locale -> locale.getLanguage().equals(tag));
    }

    /** Remembers {@code locale} for the rest of this session. */
    public static void remember(HttpServletRequest request, Locale locale) {
        request.getSession()
                .setAttribute(SESSION_ATTRIBUTE, supported(locale.getLanguage()).getLanguage());
    }

    /** The languages of the public report form. */
    public static final List<Locale> PUBLIC = List.of(
            KHMER, ENGLISH, Locale.forLanguageTag("th"), Locale.forLanguageTag("vi"), Locale.forLanguageTag("zh"));

    /** The public language for a tag, or Khmer. */
    public static Locale publicLocale(String tag) {
        if (tag != null) {
            for (Locale locale : PUBLIC) {
                if (locale.getLanguage().equalsIgnoreCase(tag.strip())) {
                    return locale;
                }
            }
        }
        return KHMER;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/report")) {
            return publicRequestLocale(request);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof String tag) {
            return supported(tag);
        }
        var ranges = request.getHeader("Accept-Language");
        if (ranges != null && !ranges.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(ranges), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** A public page's language: the one chosen on the page ({@code lang}), else the browser's, else Khmer. */
    private static Locale publicRequestLocale(HttpServletRequest request) {
        String chosen = request.getParameter("lang");
        if (chosen != null) {
            return publicLocale(chosen);
        }
        String ranges = request.getHeader("Accept-Language");
        if (ranges != null && !ranges.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(ranges), PUBLIC);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                return KHMER;
            }
        }
        return KHMER;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        remember(request, locale == null ? ENGLISH : locale);
    }
}
