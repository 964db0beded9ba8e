package org.haven.intake;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff screens of intake: the triage queue, one report, and the hotline operator's form. */
@PageController
class TriageController {

    static final List<String> CATEGORIES = List.of(
            "CHILD_SEX_TRAFFICKING",
            "CHILD_SEX_TOURISM",
            "ONLINE_EXPLOITATION",
            "ABUSE_MATERIAL",
            "FORCED_LABOUR_BEGGING",
            "OTHER");

    private final Triage triage;
    private final Reports reports;
    private final Incidents incidents;
    private final Validator validator;
    private final MessageSource messages;

    TriageController(Triage triage, Reports reports, Incidents incidents, Validator validator, MessageSource messages) {
        this.incidents = incidents;
        this.triage = triage;
        this.reports = reports;
        this.validator = validator;
        this.messages = messages;
    }

    @ModelAttribute
    void codes(Model model) {
        model.addAttribute("provinces", org.haven.cases.Vocabulary.PROVINCES);
        model.addAttribute("categories", CATEGORIES);
    }

    @GetMapping("/triage")
    @Requires(Permission.REPORT_TRIAGE)
    String queue(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("rows", triage.queue(me));
        model.addAttribute("canIntake", me.can(Permission.REPORT_INTAKE));
        return "intake/queue";
    }

    @GetMapping("/triage/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    String report(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) String incidentQuery,
            Model model) {
        Triage.Detail detail = triage.read(me, id);
        model.addAttribute("id", id);
        model.addAttribute("d", detail);
        model.addAttribute(
                "suggestions",
                incidents.suggestionsFor(
                        me,
                        id,
                        detail.content(),
                        detail.row().province(),
                        detail.row().district()));
        model.addAttribute("similar", incidents.reportsSharingNumbers(me, id));
        model.addAttribute("incidentQuery", incidentQuery);
        if (incidentQuery != null && !incidentQuery.isBlank()) {
            model.addAttribute("found", incidents.search(me, incidentQuery, null));
        }
        return "intake/report";
    }

    @PostMapping("/triage/{id}/incidents")
    @Requires(Permission.REPORT_TRIAGE)
    String link(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam UUID incident,
            RedirectAttributes redirect) {
        incidents.linkReport(me, incident, id);
        redirect.addFlashAttribute("successKey", "triage.linked");
        return "redirect:/triage/" + id + "#incidents";
    }

    @PostMapping("/triage/{id}/incident")
    @Requires(Permission.REPORT_TRIAGE)
    String openIncident(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        Incidents.Incident opened = incidents.openFromReport(me, id);
        redirect.addFlashAttribute("successKey", "incident.opened");
        return "redirect:/incidents/" + opened.id();
    }

    @PostMapping("/triage/{id}/decision")
    @Requires(Permission.REPORT_TRIAGE)
    String decide(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            Triage.Decision decision,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            if (!validator.validate(decision).isEmpty()) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "triage.decision.invalid");
            }
            triage.decide(me, id, version, decision);
        } catch (Refusal refused) {
            model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
            model.addAttribute("decisionForm", decision);
            return report(me, id, null, model);
        }
        redirect.addFlashAttribute("successKey", "triage.decided");
        return "redirect:/triage/" + id;
    }

    @PostMapping("/triage/{id}/classification")
    @Requires(Permission.REPORT_TRIAGE)
    String classify(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            Triage.Classification decision,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            if (!validator.validate(decision).isEmpty()) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "intake.classification.invalid");
            }
            triage.classify(me, id, version, decision);
        } catch (Refusal refused) {
            model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
            return report(me, id, null, model);
        }
        redirect.addFlashAttribute("successKey", "triage.saved");
        return "redirect:/triage/" + id;
    }

    @PostMapping("/triage/{id}/messages")
    @Requires(Permission.REPORT_TRIAGE)
    String ask(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            reports.ask(me, id, text);
        } catch (Refusal refused) {
            model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
            return report(me, id, null, model);
        }
        redirect.addFlashAttribute("successKey", "triage.asked");
        return "redirect:/triage/" + id + "#messages";
    }

    @GetMapping("/intake/new")
    @Requires(Permission.REPORT_INTAKE)
    String intakeForm(Model model) {
        model.addAttribute("form", PublicReport.empty());
        model.addAttribute("problems", List.of());
        model.addAttribute("channel", "PHONE");
        return "intake/new";
    }

    @PostMapping("/intake/new")
    @Requires(Permission.REPORT_INTAKE)
    String intake(
            @AuthenticationPrincipal CurrentUser me,
            PublicReport form,
            @RequestParam(defaultValue = "PHONE") String channel,
            Model model) {
        Set<ConstraintViolation<PublicReport>> violations = validator.validate(form);
        model.addAttribute("channel", channel);
        if (!violations.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("problems", PublicReport.problems(violations));
            return "intake/new";
        }
        model.addAttribute("receipt", triage.intake(me, form, channel));
        model.addAttribute("form", PublicReport.empty());
        model.addAttribute("problems", List.of());
        return "intake/new";
    }
}
