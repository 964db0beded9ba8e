package org.haven.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The language switch in the page header. It remembers the choice for the session and announces it,
 * so the identity module can store it as the signed-in person's preference.
 */
@PageController
class LanguageController {

    private final ApplicationEventPublisher events;

    LanguageController(ApplicationEventPublisher events) {
        this.events = events;
    }

    @PostMapping("/language")
    String choose(
            @RequestParam("lang") String lang,
            @RequestParam(name = "back", defaultValue = "/") String back,
            HttpServletRequest request) {
        Locale locale = HavenLocales.supported(lang);
        HavenLocales.remember(request, locale);
        events.publishEvent(new LanguageChosen(locale));
        return "redirect:" + safeLocalPath(back);
    }

    /** Only same-site absolute paths, so the switch cannot be used as an open redirect. */
    static String safeLocalPath(String back) {
        if (back == null
                || !back.startsWith("/")
                || back.startsWith("//")
                || back.contains("\\")
                || back.contains("\r")
                || back.contains("\n")
                || back.length() > 500) {
            return "/";
        }
        return back;
    }
}
