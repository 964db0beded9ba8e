package org.haven.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.cases.documents.ExportArchive;
import org.haven.cases.documents.ExportFormat;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Screens for documents: the case summary PDF download, and the export form (filters, formats, a
 * password typed twice or suggested by Haven) whose answer is the archive itself. Works without
 * JavaScript: the suggestion is a second submit button that re-renders the page with the password
 * filled in.
 */
@PageController
class DocumentsController {

    /** The export form as typed; the passwords are never rendered back except a fresh suggestion. */
    record ExportForm(
            String query,
            String stage,
            String risk,
            Boolean open,
            List<String> formats,
            String password,
            String confirmation) {

        static ExportForm initial() {
            return new ExportForm("", "", "", true, List.of(ExportFormat.XLSX.name()), "", "");
        }

        public boolean openOnly() {
            return Boolean.TRUE.equals(open);
        }

        public List<String> chosen() {
            return formats == null ? List.of() : formats;
        }

        ExportForm withPasswords(String value) {
            return new ExportForm(query, stage, risk, open, formats, value, value);
        }

        @Override
        public String toString() {
            return "ExportForm[formats=" + formats + "]";
        }
    }

    private final CaseSummaries summaries;
    private final CaseExports exports;

    DocumentsController(CaseSummaries summaries, CaseExports exports) {
        this.summaries = summaries;
        this.exports = exports;
    }

    @GetMapping("/cases/{id}/summary.pdf")
    @Requires(Permission.CASE_READ)
    ResponseEntity<byte[]> summary(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Locale locale) {
        return summaries.pdf(me, id, locale).response();
    }

    @GetMapping("/cases/export")
    @Requires(Permission.CASE_APPROVE)
    String exportForm(Model model) {
        return page(ExportForm.initial(), Map.of(), null, model);
    }

    @PostMapping("/cases/export")
    @Requires(Permission.CASE_APPROVE)
    String export(
            @AuthenticationPrincipal CurrentUser me,
            @ModelAttribute ExportForm form,
            @RequestParam(name = "action", required = false) String action,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if ("suggest".equals(action)) {
            String suggested = new String(ExportArchive.generatePassword());
            return page(form.withPasswords(suggested), Map.of(), suggested, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String password = form.password() == null ? "" : form.password();
        if (password.length() < ExportArchive.MIN_PASSWORD_LENGTH) {
            errors.put("password", "documents.export.password.short");
        } else if (password.length() > CaseExports.MAX_PASSWORD_LENGTH) {
            errors.put("password", "documents.export.password.long");
        } else if (!password.equals(form.confirmation())) {
            errors.put("confirmation", "documents.export.password.mismatch");
        }
        if (form.chosen().isEmpty()) {
            errors.put("format-" + ExportFormat.values()[0].name(), "documents.export.formats.required");
        }
        if (!errors.isEmpty()) {
            return page(form.withPasswords(""), errors, null, model);
        }
        DocumentFile file;
        try {
            file = exports.export(
                    me,
                    new CaseExports.Request(
                            form.query(),
                            form.stage(),
                            form.risk(),
                            form.openOnly(),
                            form.chosen(),
                            password.toCharArray()),
                    locale);
        } catch (Refusal refused) {
            if (refused.status() != Refusal.Status.UNPROCESSABLE || refused.arguments().length > 0) {
                throw refused;
            }
            return page(form.withPasswords(""), Map.of("query", refused.messageKey()), null, model);
        }
        file.writeTo(response);
        return null;
    }

    private static String page(ExportForm form, Map<String, String> errors, String suggested, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("suggested", suggested);
        model.addAttribute("stages", List.of(CaseStage.values()));
        model.addAttribute("risks", List.of(RiskLevel.values()));
        List<String> formats = new ArrayList<>();
        for (ExportFormat format : ExportFormat.values()) {
            formats.add(format.name());
        }
        model.addAttribute("formats", formats);
        return "cases/export";
    }
}
