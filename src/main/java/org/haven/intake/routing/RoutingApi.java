package org.haven.intake.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.platform.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Partners and routings over the API, for the intake organization's triage staff. */
@RestController
@Tag(name = "Routing")
@SecurityRequirement(name = "bearer")
class RoutingApi {

    record Route(
            @NotNull UUID partner,
            @NotBlank @Size(max = RoutingCodes.MAX_SUMMARY) String summary) {}

    record Export(@NotBlank @Size(max = 200) String password) {}

    private final Partners partners;
    private final Routings routings;
    private final RoutingExports exports;

    RoutingApi(Partners partners, Routings routings, RoutingExports exports) {
        this.partners = partners;
        this.routings = routings;
        this.exports = exports;
    }

    @GetMapping("/api/v1/partners")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "The organization's partner registry, active and vetted first; audited")
    List<Partners.Partner> partners(@AuthenticationPrincipal CurrentUser me) {
        return partners.list(me);
    }

    @PostMapping("/api/v1/partners")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Register a partner (not vetted: another person vets it)")
    ResponseEntity<Map<String, UUID>> register(
            @AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Partners.PartnerInput body) {
        UUID id = partners.register(me, body);
        return ResponseEntity.created(URI.create("/api/v1/partners/" + id)).body(Map.of("id", id));
    }

    @PatchMapping("/api/v1/partners/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Change or vet a partner; If-Match carries the version read. Whoever last changed a partner"
                    + " cannot vet it; changing who it is withdraws its vetting")
    ResponseEntity<Void> change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Partners.PartnerInput body) {
        partners.change(me, id, IfMatch.version(ifMatch, "partner"), body);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/reports/{id}/routings")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "A report's routings with their summaries, deadlines and outcomes; audited")
    List<Routings.RoutingView> routings(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return routings.routings(me, id);
    }

    @PostMapping("/api/v1/reports/{id}/routings")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Send a report's minimum-necessary summary to a vetted, active partner; If-Match carries the"
                    + " report's version; the report becomes PASSED_TO_PARTNER")
    ResponseEntity<Map<String, UUID>> route(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Route body) {
        UUID routing = routings.route(me, id, IfMatch.version(ifMatch, "intake"), body.partner(), body.summary());
        return ResponseEntity.created(URI.create("/api/v1/reports/" + id + "/routings"))
                .body(Map.of("id", routing));
    }

    /** What a partner outside Haven said: received (no outcome), or what came of it. */
    record Response(
            @Size(max = 40) String outcome,
            @Size(max = 2_000) String note) {}

    @PostMapping("/api/v1/routings/{id}/response")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Record what a partner outside Haven told triage: received, or with an outcome what came of"
                    + " it; If-Match carries the routing's version")
    ResponseEntity<Void> response(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Response body) {
        routings.recordResponse(me, id, IfMatch.version(ifMatch, "routing"), body.outcome(), body.note());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/routings/{id}/withdrawal")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Withdraw a routing not yet concluded; If-Match carries the routing's version")
    ResponseEntity<Void> withdraw(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        routings.withdraw(me, id, IfMatch.version(ifMatch, "routing"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/routings/{id}/export")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "The summary for a partner outside Haven as an AES-256 ZIP under the password given"
                    + " (at least 12 characters); audited as an export")
    ResponseEntity<byte[]> export(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody Export body) {
        return exports.export(me, id, body.password().toCharArray()).response();
    }
}
