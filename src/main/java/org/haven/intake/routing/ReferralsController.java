package org.haven.intake.routing;

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

/** A partner organization's screens: its queue of referred reports, one referral, acknowledge, outcome. */
@PageController
class ReferralsController {

    private final PartnerQueue queue;
    private final MessageSource messages;

    ReferralsController(PartnerQueue queue, MessageSource messages) {
        this.queue = queue;
        this.messages = messages;
    }

    @GetMapping("/referrals")
    @Requires(Permission.REFERRAL_RECEIVE)
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("rows", queue.list(me));
        return "intake/referrals";
    }

    @GetMapping("/referrals/{id}")
    @Requires(Permission.REFERRAL_RECEIVE)
    String read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("r", queue.read(me, id));
        model.addAttribute("outcomes", RoutingCodes.OUTCOMES);
        if (!model.containsAttribute("outcome")) {
            model.addAttribute("outcome", "");
            model.addAttribute("note", "");
        }
        return "intake/referral";
    }

    @PostMapping("/referrals/{id}/acknowledgement")
    @Requires(Permission.REFERRAL_RECEIVE)
    String acknowledge(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            queue.acknowledge(me, id, version);
        } catch (Refusal refused) {
            return again(me, id, refused, locale, model);
        }
        redirect.addFlashAttribute("successKey", "referral.acknowledged");
        return "redirect:/referrals/" + id;
    }

    @PostMapping("/referrals/{id}/outcome")
    @Requires(Permission.REFERRAL_RECEIVE)
    String outcome(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "") String note,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            queue.reportOutcome(me, id, version, outcome, note);
        } catch (Refusal refused) {
            model.addAttribute("outcome", outcome);
            model.addAttribute("note", note);
            return again(me, id, refused, locale, model);
        }
        redirect.addFlashAttribute("successKey", "referral.outcome.saved");
        return "redirect:/referrals/" + id;
    }

    private String again(CurrentUser me, UUID id, Refusal refused, Locale locale, Model model) {
        if (refused.status() == Refusal.Status.NOT_FOUND || refused.status() == Refusal.Status.FORBIDDEN) {
            throw refused;
        }
        model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
        return read(me, id, model);
    }
}
