package org.haven.intake;

import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.cases.PersonInput;
import org.haven.cases.PossibleDuplicates;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The case team's side of "open a case": reports handed over by triage, and the case opened from one. */
@PageController
class CaseRequestsController {

    /** The little a case needs to start: the child as far as triage's note tells. */
    record Child(String name, String nameKhmer, String sex, Integer estimatedAge, String province) {}

    private final CaseRequests requests;
    private final Validator validator;
    private final MessageSource messages;

    CaseRequestsController(CaseRequests requests, Validator validator, MessageSource messages) {
        this.requests = requests;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping("/intake/case-requests")
    @Requires(Permission.CASE_WRITE)
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("rows", requests.waiting(me));
        return "intake/case-requests";
    }

    @GetMapping("/intake/case-requests/{id}")
    @Requires(Permission.CASE_WRITE)
    String one(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        CaseRequests.Request request = requests.read(me, id);
        model.addAttribute("r", request);
        model.addAttribute("id", id);
        model.addAttribute("provinces", Vocabulary.PROVINCES);
        if (!model.containsAttribute("child")) {
            model.addAttribute(
                    "child",
                    new Child(null, null, "UNKNOWN", null, request.report().province()));
        }
        return "intake/case-request";
    }

    @PostMapping("/intake/case-requests/{id}")
    @Requires(Permission.CASE_WRITE)
    String open(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            Child child,
            @RequestParam(defaultValue = "false") boolean anyway,
            Model model,
            Locale locale) {
        PersonInput person = new PersonInput(
                child.name(),
                child.nameKhmer(),
                List.of(),
                child.sex() == null || child.sex().isBlank() ? "UNKNOWN" : child.sex(),
                null,
                null,
                null,
                null,
                child.estimatedAge(),
                null,
                null,
                child.province() == null || child.province().isBlank() ? null : child.province(),
                null);
        try {
            if (!validator.validate(person).isEmpty()) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "caseRequest.child.invalid");
            }
            UUID caseId = requests.openCase(me, id, person, anyway);
            return "redirect:/cases/" + caseId;
        } catch (PossibleDuplicates duplicates) {
            model.addAttribute("child", child);
            model.addAttribute("duplicates", duplicates.matches().size() + duplicates.hidden());
            model.addAttribute("errorText", messages.getMessage("caseRequest.duplicates", null, locale));
            return one(me, id, model);
        } catch (Refusal refused) {
            model.addAttribute("child", child);
            model.addAttribute("errorText", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
            return one(me, id, model);
        }
    }
}
