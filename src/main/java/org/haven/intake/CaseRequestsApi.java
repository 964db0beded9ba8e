package org.haven.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.cases.PersonInput;
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

/** Reports triage handed to the case team, and the case opened from one. */
@RestController
@RequestMapping("/api/v1/case-requests")
@Tag(name = "Case requests")
@SecurityRequirement(name = "bearer")
class CaseRequestsApi {

    record Opening(@NotNull @Valid PersonInput person, boolean createAnyway) {}

    private final CaseRequests requests;

    CaseRequestsApi(CaseRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Reports handed over for a case and not yet opened as one; audited")
    List<CaseRequests.Waiting> waiting(@AuthenticationPrincipal CurrentUser me) {
        return requests.waiting(me);
    }

    @GetMapping("/{id}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "One hand-over with triage's note (never the reporter's words); audited")
    CaseRequests.Request read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return requests.read(me, id);
    }

    @PostMapping("/{id}/case")
    @Requires(Permission.CASE_WRITE)
    @Operation(
            summary = "Open the child's case from a hand-over (409 with the likely matches unless createAnyway);"
                    + " the case is linked to the report and its incidents")
    ResponseEntity<Map<String, UUID>> open(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody Opening body) {
        UUID caseId = requests.openCase(me, id, body.person(), body.createAnyway());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(Map.of("caseId", caseId));
    }
}
