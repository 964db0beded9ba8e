package org.haven.intake;

import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.cases.Cases;
import org.haven.cases.Vocabulary;
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

/** The incident screens: search, open, read, change, perpetrators, and links to reports and cases. */
@PageController
class IncidentsController {

    private final Incidents incidents;
    private final Cases cases;
    private final Validator validator;
    private final MessageSource messages;

    IncidentsController(Incidents incidents, Cases cases, Validator validator, MessageSource messages) {
        this.incidents = incidents;
        this.cases = cases;
        this.validator = validator;
        this.messages = messages;
    }

    @ModelAttribute
    void codes(Model model) {
        model.addAttribute("provinces", Vocabulary.PROVINCES);
        model.addAttribute(
                "types",
                java.util.Arrays.stream(Vocabulary.ExploitationType.values())
                        .map(Enum::name)
                        .toList());
        model.addAttribute("statuses", IncidentInput.STATUSES);
        model.addAttribute("outcomes", IncidentInput.OUTCOMES);
    }

    @GetMapping("/incidents")
    @Requires(Permission.REPORT_TRIAGE)
    String list(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String province,
            Model model,
            Locale locale) {
        model.addAttribute("q", q);
        model.addAttribute("province", province);
        try {
            model.addAttribute("rows", incidents.search(me, q, province));
        } catch (Refusal refused) {
            model.addAttribute("rows", List.of());
            model.addAttribute("errorText", text(refused, locale));
        }
        return "intake/incidents";
    }

    @GetMapping("/incidents/new")
    @Requires(Permission.REPORT_TRIAGE)
    String newForm(Model model) {
        model.addAttribute("form", IncidentInput.empty());
        model.addAttribute("version", -1);
        return "intake/incident-form";
    }

    @PostMapping("/incidents")
    @Requires(Permission.REPORT_TRIAGE)
    String open(@AuthenticationPrincipal CurrentUser me, IncidentInput form, Model model, Locale locale) {
        try {
            valid(form);
            Incidents.Incident opened = incidents.open(me, form);
            return "redirect:/incidents/" + opened.id();
        } catch (Refusal refused) {
            model.addAttribute("form", form);
            model.addAttribute("version", -1);
            model.addAttribute("errorText", text(refused, locale));
            return "intake/incident-form";
        }
    }

    @GetMapping("/incidents/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("i", incidents.view(me, id));
        return "intake/incident";
    }

    @GetMapping("/incidents/{id}/edit")
    @Requires(Permission.REPORT_TRIAGE)
    String editForm(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Incidents.Incident incident = incidents.view(me, id);
        model.addAttribute("id", id);
        model.addAttribute("reference", incident.reference());
        model.addAttribute("form", incident.fields());
        model.addAttribute("version", incident.version());
        return "intake/incident-form";
    }

    @PostMapping("/incidents/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    String change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            IncidentInput form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            valid(form);
            // Every field of the form is sent: an emptied list or text is a change, not "keep".
            incidents.change(me, id, version, complete(form));
        } catch (Refusal refused) {
            model.addAttribute("id", id);
            model.addAttribute("form", form);
            model.addAttribute("version", version);
            model.addAttribute("errorText", text(refused, locale));
            return "intake/incident-form";
        }
        redirect.addFlashAttribute("successKey", "incident.saved");
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/perpetrators")
    @Requires(Permission.REPORT_TRIAGE)
    String addPerpetrator(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            PerpetratorInput form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            if (!validator.validate(form).isEmpty()) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "incident.perpetrator.invalid");
            }
            incidents.addPerpetrator(me, id, form);
        } catch (Refusal refused) {
            model.addAttribute("perpetrator", form);
            model.addAttribute("errorText", text(refused, locale));
            return view(me, id, model);
        }
        redirect.addFlashAttribute("successKey", "incident.perpetrator.added");
        return "redirect:/incidents/" + id + "#perpetrators";
    }

    @PostMapping("/incidents/{id}/perpetrators/{perpetrator}/removal")
    @Requires(Permission.REPORT_TRIAGE)
    String removePerpetrator(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID perpetrator,
            RedirectAttributes redirect) {
        incidents.removePerpetrator(me, id, perpetrator);
        redirect.addFlashAttribute("successKey", "incident.perpetrator.removed");
        return "redirect:/incidents/" + id + "#perpetrators";
    }

    @PostMapping("/incidents/{id}/cases")
    @Requires(Permission.REPORT_TRIAGE)
    String linkCase(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String reference,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            incidents.linkCase(me, id, cases.referenced(me, reference));
        } catch (Refusal refused) {
            model.addAttribute("errorText", text(refused, locale));
            return view(me, id, model);
        }
        redirect.addFlashAttribute("successKey", "incident.case.linked");
        return "redirect:/incidents/" + id + "#cases";
    }

    @PostMapping("/incidents/{id}/reports/{report}/removal")
    @Requires(Permission.REPORT_TRIAGE)
    String unlinkReport(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID report,
            RedirectAttributes redirect) {
        incidents.unlinkReport(me, id, report);
        redirect.addFlashAttribute("successKey", "incident.report.unlinked");
        return "redirect:/incidents/" + id + "#reports";
    }

    private void valid(IncidentInput form) {
        if (!validator.validate(form).isEmpty()) {
            throw new Refusal(Refusal.Status.UNPROCESSABLE, "incident.invalid");
        }
    }

    static IncidentInput complete(IncidentInput form) {
        return new IncidentInput(
                orEmpty(form.establishment()),
                orEmpty(form.address()),
                orEmpty(form.coordinates()),
                orEmpty(form.province()),
                orEmpty(form.district()),
                orEmpty(form.country()),
                form.exploitationTypes() == null ? List.of() : form.exploitationTypes(),
                form.firstSeen(),
                form.lastSeen(),
                orEmpty(form.summary()),
                form.status(),
                form.outcomes() == null ? List.of() : form.outcomes());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private String text(Refusal refused, Locale locale) {
        return messages.getMessage(refused.messageKey(), refused.arguments(), locale);
    }
}
