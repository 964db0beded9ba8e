package org.haven.platform;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes every page's layout needs. */
// Pages only: an API request has no layout to fill (decision 41).
@ControllerAdvice(annotations = PageController.class)
class LayoutAdvice {

    private final HavenProperties properties;

    LayoutAdvice(HavenProperties properties) {
        this.properties = properties;
    }

    /** The path of this page, so the language switch can come back to it. */
    @ModelAttribute("currentPath")
    String currentPath(jakarta.servlet.http.HttpServletRequest request) {
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        return LanguageController.safeLocalPath(path);
    }

    /** True in demo mode: every page shows the "fictional data" banner. */
    @ModelAttribute("demoMode")
    boolean demoMode() {
        return properties.demo();
    }
}
