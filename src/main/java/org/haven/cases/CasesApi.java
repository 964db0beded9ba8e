package org.haven.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cases over the API: open (after the duplicate check), read, change with {@code If-Match}, search,
 * move through the journey, close with approval, assign. Everything is audited like on the screens.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases")
@SecurityRequirement(name = "bearer")
class CasesApi {

    record StageMove(
            @NotNull String stage, @Size(max = 2_000) String consentOverride) {}

    record ClosureRequest(
            @NotNull @Size(min = 1, max = 2_000) String reason) {}

    record ClosureDecision(boolean approve) {}

    record Assignment(
            @NotEmpty @Size(max = 500) List<UUID> caseIds,
            @NotNull UUID caseworkerId) {}

    private final Cases cases;
    private final Worklists worklists;
    private final SearchShare share;

    CasesApi(Cases cases, Worklists worklists, SearchShare share) {
        this.cases = cases;
        this.worklists = worklists;
        this.share = share;
    }

    @PostMapping
    @Requires(Permission.CASE_WRITE)
    @Operation(
            summary = "Open a case (and register its person). When the person looks like someone already known,"
                    + " answers 409 with the possible matches; send again with createAnyway to open it regardless")
    ResponseEntity<CaseView> open(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody NewCase body) {
        UUID id = cases.open(me, body);
        CaseView view = cases.view(me, id);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id))
                .eTag(PeopleApi.etag(view.version()))
                .body(view);
    }

    @PostMapping("/matches")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "People already known who may be this person (search before create); audited")
    Map<String, Object> matches(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody PersonInput body) {
        PossibleDuplicates found = cases.likelyMatches(me, body);
        return Map.of("matches", found.matches(), "hiddenMatches", found.hidden());
    }

    @GetMapping
    @Requires(Permission.CASE_READ)
    @Operation(
            summary = "Cases in the caller's scope; query finds a child by any spelling or script of a name, a"
                    + " phone number or a case reference; audited")
    List<Worklists.Row> list(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String risk,
            @RequestParam(required = false) UUID caseworker,
            @RequestParam(defaultValue = "false") boolean open) {
        Worklists.Filter filter = new Worklists.Filter(query, stage, risk, caseworker, open);
        return filter.searchesNames() ? share.run(() -> worklists.list(me, filter)) : worklists.list(me, filter);
    }

    @GetMapping("/{id}")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "One case with its person (the read is audited); the ETag is the version to send back")
    ResponseEntity<CaseView> get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        CaseView view = cases.view(me, id);
        return ResponseEntity.ok().eTag(PeopleApi.etag(view.version())).body(view);
    }

    @PatchMapping("/{id}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Change a case and its person; If-Match must carry the ETag read, or 412")
    ResponseEntity<CaseView> change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CaseChange body) {
        return withEtag(cases.change(me, id, version(ifMatch), body));
    }

    @PostMapping("/{id}/stage")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Move the case to another stage of the journey; illegal moves answer 409 with the reason")
    ResponseEntity<CaseView> move(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody StageMove body) {
        CaseStage target = Vocabulary.code(CaseStage.class, body.stage(), "stage");
        return withEtag(cases.move(me, id, version(ifMatch), target, body.consentOverride()));
    }

    @PostMapping("/{id}/closure")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Ask a supervisor to approve closing the case")
    ResponseEntity<CaseView> requestClosure(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ClosureRequest body) {
        return withEtag(cases.requestClosure(me, id, version(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/closure/decision")
    @Requires(Permission.CASE_APPROVE)
    @Operation(summary = "Approve (close the case) or refuse a requested closure")
    ResponseEntity<CaseView> decideClosure(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ClosureDecision body) {
        return withEtag(cases.decideClosure(me, id, version(ifMatch), body.approve()));
    }

    @PostMapping("/assignments")
    @Requires(Permission.CASE_ASSIGN)
    @Operation(summary = "Assign one or many cases to a caseworker")
    Map<String, Integer> assign(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Assignment body) {
        return Map.of("assigned", cases.assign(me, body.caseIds(), body.caseworkerId()));
    }

    static int version(String ifMatch) {
        return PeopleApi.version(ifMatch, "case");
    }

    private static ResponseEntity<CaseView> withEtag(CaseView view) {
        return ResponseEntity.ok().eTag(PeopleApi.etag(view.version())).body(view);
    }
}
