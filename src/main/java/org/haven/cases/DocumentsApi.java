package org.haven.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents over the API: one case's summary as a PDF, and password-protected exports of the cases in
 * the caller's scope. The language is the request's (Accept-Language: en or km). Both are audited.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Case documents")
@SecurityRequirement(name = "bearer")
class DocumentsApi {

    /**
     * An export. {@code formats}: any of CSV, XLSX, JSON. {@code password}: at least 12 characters; the
     * archive cannot be opened without it.
     */
    record ExportBody(
            @Size(max = CaseExports.MAX_PASSWORD_LENGTH) String password,
            @Size(max = 3) List<String> formats,
            @Size(max = 200) String query,
            @Size(max = 40) String stage,
            @Size(max = 40) String risk,
            Boolean open) {

        @Override
        public String toString() {
            return "ExportBody[formats=" + formats + "]";
        }
    }

    private final CaseSummaries summaries;
    private final CaseExports exports;

    DocumentsApi(CaseSummaries summaries, CaseExports exports) {
        this.summaries = summaries;
        this.exports = exports;
    }

    @GetMapping("/{id}/summary.pdf")
    @Requires(Permission.CASE_READ)
    @Operation(
            summary = "The case summary as a PDF in the request's language (Khmer or English), as a download;"
                    + " audited as an export")
    ResponseEntity<byte[]> summary(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Locale locale) {
        return summaries.pdf(me, id, locale).response();
    }

    @PostMapping("/exports")
    @Requires(Permission.CASE_APPROVE)
    @Operation(
            summary = "A ZIP archive, encrypted with AES-256 under the password given, of the cases in the caller's"
                    + " scope matching the filters (table \"cases\" as CSV, XLSX and/or JSON); supervisors only;"
                    + " audited with the filters and the number of cases")
    ResponseEntity<byte[]> export(
            @AuthenticationPrincipal CurrentUser me, @Valid @RequestBody ExportBody body, Locale locale) {
        char[] password = body.password() == null ? null : body.password().toCharArray();
        return exports.export(
                        me,
                        new CaseExports.Request(
                                body.query(),
                                body.stage(),
                                body.risk(),
                                Boolean.TRUE.equals(body.open()),
                                body.formats(),
                                password),
                        locale)
                .response();
    }
}
