package org.haven.intake;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.haven.platform.HavenLocales;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public report pages: the form, the receipt, and the status page reached with the receipt code.
 * No account, no cookie, no JavaScript needed; nothing about the sender is read or kept, and every
 * answer tells the browser and any cache not to store it.
 */
@PageController
class PublicReportController {

    private final Reports reports;
    private final Validator validator;
    private final PublicFormGuard guard;

    private final String quickExit;

    PublicReportController(
            Reports reports,
            Validator validator,
            PublicFormGuard guard,
            @org.springframework.beans.factory.annotation.Value(
                            "${haven.intake.quick-exit:https://www.google.com/search?q=weather+today}")
                    String quickExit) {
        this.reports = reports;
        this.validator = validator;
        this.guard = guard;
        this.quickExit = quickExit;
    }

    @ModelAttribute
    void page(Model model, Locale locale, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("quickExit", quickExit);
        model.addAttribute(
                "languages",
                HavenLocales.PUBLIC.stream().map(Locale::getLanguage).toList());
        model.addAttribute("provinces", org.haven.cases.Vocabulary.PROVINCES);
    }

    @GetMapping("/report")
    String form(Model model) {
        return form(model, PublicReport.empty(), List.of());
    }

    private String form(Model model, PublicReport form, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("tokens", guard.tokens());
        return "report/form";
    }

    @PostMapping("/report")
    String submit(
            PublicReport form,
            @RequestParam(name = "pow-challenge", required = false) String challenge,
            @RequestParam(name = "pow-solution", required = false) String solution,
            @RequestParam(name = "wait-token", required = false) String waitToken,
            Model model,
            Locale locale) {
        Set<ConstraintViolation<PublicReport>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            return form(model, form, PublicReport.problems(violations));
        }
        PublicFormGuard.Hold hold = guard.admit(challenge, solution, waitToken);
        if (hold != PublicFormGuard.Hold.NONE) {
            return form(model, form, List.of(hold == PublicFormGuard.Hold.BUSY ? "busy" : "tooFast"));
        }
        try {
            model.addAttribute("receipt", reports.submit(form, locale.getLanguage()));
        } catch (Refusal closed) {
            return "report/closed";
        }
        return "report/receipt";
    }

    @GetMapping("/report/status")
    String statusForm(Model model) {
        return "report/status";
    }

    @PostMapping("/report/status")
    String status(@RequestParam(defaultValue = "") String code, Model model) {
        return show(code, model);
    }

    @PostMapping("/report/status/reply")
    String reply(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String message,
            Model model) {
        if (!guard.admitFollowUp(code)) {
            model.addAttribute("busy", true);
            model.addAttribute("message", message);
            return show(code, model);
        }
        try {
            if (reports.reply(code, message)) {
                model.addAttribute("sent", true);
            }
        } catch (Refusal refused) {
            model.addAttribute("messageProblem", true);
            model.addAttribute("message", message);
        }
        return show(code, model);
    }

    private String show(String code, Model model) {
        var view = reports.open(code);
        if (view.isEmpty()) {
            model.addAttribute("unknown", true);
            return "report/status";
        }
        model.addAttribute("code", code.strip());
        model.addAttribute("view", view.get());
        return "report/status";
    }
}
