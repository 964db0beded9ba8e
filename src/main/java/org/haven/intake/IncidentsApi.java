package org.haven.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.haven.cases.Cases;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.platform.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents over the API: search, open, read, change, perpetrators, and links to reports and cases. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents")
@SecurityRequirement(name = "bearer")
class IncidentsApi {

    record ReportLink(@NotNull UUID reportId) {}

    record CaseLink(@NotBlank @Size(max = 40) String reference) {}

    private final Incidents incidents;
    private final Cases cases;

    IncidentsApi(Incidents incidents, Cases cases) {
        this.incidents = incidents;
        this.cases = cases;
    }

    @GetMapping
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Incidents by reference, phone number, handle or place name (blind indexes), or the newest;"
                    + " audited")
    List<Incidents.Row> search(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(defaultValue = "") String query,
            @RequestParam(defaultValue = "") String province) {
        return incidents.search(me, query, province);
    }

    @PostMapping
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Open an incident; answers with it, its Location and ETag")
    ResponseEntity<Incidents.Incident> open(
            @AuthenticationPrincipal CurrentUser me, @Valid @RequestBody IncidentInput body) {
        Incidents.Incident opened = incidents.open(me, body);
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + opened.id()))
                .eTag(etag(opened))
                .body(opened);
    }

    @GetMapping("/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "One incident with perpetrators (and where their numbers are known), reports and cases")
    ResponseEntity<Incidents.Incident> read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        Incidents.Incident incident = incidents.view(me, id);
        return ResponseEntity.ok().eTag(etag(incident)).body(incident);
    }

    @PatchMapping("/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Change an incident; absent fields keep their value; If-Match carries the version read")
    ResponseEntity<Incidents.Incident> change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody IncidentInput body) {
        Incidents.Incident changed = incidents.change(me, id, IfMatch.version(ifMatch, "incident"), body);
        return ResponseEntity.ok().eTag(etag(changed)).body(changed);
    }

    @PostMapping("/{id}/perpetrators")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Add an alleged perpetrator; the answer names other incidents and reports with the same numbers")
    ResponseEntity<Incidents.Perpetrator> addPerpetrator(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody PerpetratorInput body) {
        return ResponseEntity.status(201).body(incidents.addPerpetrator(me, id, body));
    }

    @DeleteMapping("/{id}/perpetrators/{perpetrator}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Remove a perpetrator recorded by mistake")
    ResponseEntity<Void> removePerpetrator(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID perpetrator) {
        incidents.removePerpetrator(me, id, perpetrator);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/reports")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Link a report to the incident")
    ResponseEntity<Void> linkReport(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody ReportLink body) {
        incidents.linkReport(me, id, body.reportId());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/reports/{report}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Unlink a report from the incident")
    ResponseEntity<Void> unlinkReport(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID report) {
        incidents.unlinkReport(me, id, report);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/cases")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Link a case of the organization by its reference, without reading it")
    ResponseEntity<Void> linkCase(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody CaseLink body) {
        incidents.linkCase(me, id, cases.referenced(me, body.reference()));
        return ResponseEntity.noContent().build();
    }

    private static String etag(Incidents.Incident incident) {
        return "\"" + incident.version() + "\"";
    }
}
