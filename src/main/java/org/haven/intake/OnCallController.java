package org.haven.intake;

import java.util.Locale;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The on-call screen: who is alerted at once about a child in danger; take, give or end a shift. */
@PageController
class OnCallController {

    private final OnCall onCall;
    private final MessageSource messages;

    OnCallController(OnCall onCall, MessageSource messages) {
        this.onCall = onCall;
        this.messages = messages;
    }

    @GetMapping("/triage/on-call")
    @Requires(Permission.REPORT_TRIAGE)
    String roster(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("roster", onCall.roster(me));
        model.addAttribute(
                "colleagues",
                onCall.colleagues(me).stream()
                        .filter(m -> !m.id().equals(me.id()))
                        .toList());
        model.addAttribute(
                "hours",
                java.util.stream.IntStream.rangeClosed(1, OnCall.MAX_HOURS)
                        .boxed()
                        .toList());
        return "intake/on-call";
    }

    @PostMapping("/triage/on-call")
    @Requires(Permission.REPORT_TRIAGE)
    String take(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(required = false) UUID person,
            @RequestParam(defaultValue = "0") int hours,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            onCall.take(me, person, hours);
        } catch (Refusal refused) {
            return refused(me, refused, model, locale);
        }
        redirect.addFlashAttribute("successKey", person == null ? "oncall.taken" : "oncall.given");
        return "redirect:/triage/on-call";
    }

    @PostMapping("/triage/on-call/{id}/end")
    @Requires(Permission.REPORT_TRIAGE)
    String end(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            onCall.end(me, id);
        } catch (Refusal refused) {
            return refused(me, refused, model, locale);
        }
        redirect.addFlashAttribute("successKey", "oncall.ended");
        return "redirect:/triage/on-call";
    }

    private String refused(CurrentUser me, Refusal refused, Model model, Locale locale) {
        model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
        return roster(me, model);
    }
}
