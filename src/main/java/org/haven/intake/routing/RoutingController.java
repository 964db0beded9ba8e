package org.haven.intake.routing;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.haven.cases.DocumentFile;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.intake.Triage;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The routing section of a report's triage page: send to a partner, withdraw, export for an outside partner. */
@PageController
class RoutingController {

    private final Routings routings;
    private final RoutingExports exports;
    private final Triage triage;
    private final MessageSource messages;

    RoutingController(Routings routings, RoutingExports exports, Triage triage, MessageSource messages) {
        this.routings = routings;
        this.exports = exports;
        this.triage = triage;
        this.messages = messages;
    }

    @PostMapping("/triage/{id}/routings")
    @Requires(Permission.REPORT_TRIAGE)
    String route(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(required = false) UUID partner,
            @RequestParam(defaultValue = "") String summary,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            routings.route(me, id, version, partner, summary);
        } catch (Refusal refused) {
            return again(me, id, refused, summary, partner, locale, model);
        }
        redirect.addFlashAttribute("successKey", "routing.sent");
        return "redirect:/triage/" + id + "#routing";
    }

    @PostMapping("/triage/{id}/routings/{routing}/withdrawal")
    @Requires(Permission.REPORT_TRIAGE)
    String withdraw(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID routing,
            @RequestParam int version,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            routings.withdraw(me, routing, version);
        } catch (Refusal refused) {
            return again(me, id, refused, null, null, locale, model);
        }
        redirect.addFlashAttribute("successKey", "routing.withdrawn");
        return "redirect:/triage/" + id + "#routing";
    }

    @PostMapping("/triage/{id}/routings/{routing}/response")
    @Requires(Permission.REPORT_TRIAGE)
    String response(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID routing,
            @RequestParam int version,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "") String note,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            routings.recordResponse(me, routing, version, outcome, note);
        } catch (Refusal refused) {
            return again(me, id, refused, null, null, locale, model);
        }
        redirect.addFlashAttribute("successKey", "routing.response.saved");
        return "redirect:/triage/" + id + "#routing";
    }

    @PostMapping("/triage/{id}/routings/{routing}/export")
    @Requires(Permission.REPORT_TRIAGE)
    String export(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID routing,
            @RequestParam(defaultValue = "") String password,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
        DocumentFile file;
        try {
            file = exports.export(me, routing, password.toCharArray());
        } catch (Refusal refused) {
            return again(me, id, refused, null, null, locale, model);
        }
        file.writeTo(response);
        return null;
    }

    /** The report page again, with the refusal on top of the routing section and the input kept. */
    private String again(
            CurrentUser me, UUID id, Refusal refused, String summary, UUID partner, Locale locale, Model model) {
        if (refused.status() == Refusal.Status.NOT_FOUND || refused.status() == Refusal.Status.FORBIDDEN) {
            throw refused;
        }
        Routings.Panel panel = routings.panel(me, id, locale);
        model.addAttribute("id", id);
        model.addAttribute("d", triage.read(me, id));
        model.addAttribute("provinces", org.haven.cases.Vocabulary.PROVINCES);
        model.addAttribute("categories", RoutingCodes.CATEGORIES);
        model.addAttribute(
                "routing",
                summary == null
                        ? panel
                        : new Routings.Panel(
                                panel.routings(), panel.suggested(), panel.others(), summary, panel.reportVersion()));
        model.addAttribute("routingPartner", partner);
        model.addAttribute("routingError", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
        return "intake/report";
    }
}
