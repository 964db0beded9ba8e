package org.haven.intake.routing;

import java.util.Arrays;
import java.util.List;
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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The partner registry screens: list, register, change, vet. */
@PageController
class PartnersController {

    /** The partner form as posted; countries are typed as two-letter codes separated by commas or spaces. */
    record PartnerForm(
            String name,
            String kind,
            UUID partnerOrganization,
            String contact,
            List<String> categories,
            List<String> provinces,
            String countries,
            boolean active) {

        static PartnerForm empty() {
            return new PartnerForm("", "INSIDE", null, "", List.of(), List.of(), "", true);
        }

        static PartnerForm of(Partners.Partner p) {
            return new PartnerForm(
                    p.name(),
                    p.kind(),
                    p.partnerOrganizationId(),
                    p.contact() == null ? "" : p.contact(),
                    p.categories(),
                    p.provinces(),
                    String.join(", ", p.countries()),
                    p.active());
        }

        Partners.PartnerInput input() {
            return new Partners.PartnerInput(
                    name,
                    kind,
                    partnerOrganization,
                    contact == null ? "" : contact,
                    categories == null ? List.of() : categories,
                    provinces == null ? List.of() : provinces,
                    countries == null || countries.isBlank()
                            ? List.of()
                            : Arrays.asList(countries.strip().split("[,\\s]+")),
                    null,
                    active);
        }

        public boolean handles(String code) {
            return categories != null && categories.contains(code);
        }

        public boolean covers(String province) {
            return provinces != null && provinces.contains(province);
        }
    }

    private final Partners partners;
    private final MessageSource messages;

    PartnersController(Partners partners, MessageSource messages) {
        this.partners = partners;
        this.messages = messages;
    }

    @ModelAttribute
    void codes(Model model) {
        model.addAttribute("categories", RoutingCodes.CATEGORIES);
        model.addAttribute("provinces", org.haven.cases.Vocabulary.PROVINCES);
    }

    @GetMapping("/triage/partners")
    @Requires(Permission.REPORT_TRIAGE)
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("partners", partners.list(me));
        return "intake/partners";
    }

    @GetMapping("/triage/partners/new")
    @Requires(Permission.REPORT_TRIAGE)
    String blank(@AuthenticationPrincipal CurrentUser me, Model model) {
        return form(me, null, PartnerForm.empty(), null, model);
    }

    @PostMapping("/triage/partners")
    @Requires(Permission.REPORT_TRIAGE)
    String register(
            @AuthenticationPrincipal CurrentUser me,
            PartnerForm form,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        UUID id;
        try {
            id = partners.register(me, form.input());
        } catch (Refusal refused) {
            return form(me, null, form, error(refused, locale), model);
        }
        redirect.addFlashAttribute("successKey", "partner.saved");
        return "redirect:/triage/partners/" + id;
    }

    @GetMapping("/triage/partners/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Partners.Partner partner = partners.read(me, id);
        return form(me, partner, PartnerForm.of(partner), null, model);
    }

    @PostMapping("/triage/partners/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    String change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            PartnerForm form,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            partners.change(me, id, version, form.input());
        } catch (Refusal refused) {
            if (refused.status() == Refusal.Status.NOT_FOUND) {
                throw refused;
            }
            return form(me, partners.read(me, id), form, error(refused, locale), model);
        }
        redirect.addFlashAttribute("successKey", "partner.saved");
        return "redirect:/triage/partners/" + id;
    }

    @PostMapping("/triage/partners/{id}/vetting")
    @Requires(Permission.REPORT_TRIAGE)
    String vet(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(defaultValue = "true") boolean vetted,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            partners.change(
                    me, id, version, new Partners.PartnerInput(null, null, null, null, null, null, null, vetted, null));
        } catch (Refusal refused) {
            if (refused.status() == Refusal.Status.NOT_FOUND) {
                throw refused;
            }
            Partners.Partner partner = partners.read(me, id);
            return form(me, partner, PartnerForm.of(partner), error(refused, locale), model);
        }
        redirect.addFlashAttribute("successKey", vetted ? "partner.vetted.done" : "partner.saved");
        return "redirect:/triage/partners/" + id;
    }

    private String form(CurrentUser me, Partners.Partner partner, PartnerForm form, String error, Model model) {
        model.addAttribute("partner", partner);
        model.addAttribute("form", form);
        model.addAttribute("organizations", partners.organizations(me));
        model.addAttribute("errorText", error);
        return "intake/partner";
    }

    private String error(Refusal refused, Locale locale) {
        return messages.getMessage(refused.messageKey(), refused.arguments(), locale);
    }
}
