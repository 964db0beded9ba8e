package org.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.intake.routing.Routings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Adds the routing section (routings, suitable partners, a prefilled summary) to the triage page of
 * one report, so the report page and the routing section can change independently.
 */
@ControllerAdvice(assignableTypes = TriageController.class)
class RoutingPanelAdvice {

    private final Routings routings;

    RoutingPanelAdvice(Routings routings) {
        this.routings = routings;
    }

    @ModelAttribute
    void routing(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable(name = "id", required = false) UUID id,
            HttpServletRequest request,
            Locale locale,
            Model model) {
        // Only the page itself: a change that succeeds redirects to it, and the section is read once.
        if (id != null && me != null && me.can(Permission.REPORT_TRIAGE) && "GET".equals(request.getMethod())) {
            model.addAttribute("routing", routings.panel(me, id, locale));
        }
    }
}
