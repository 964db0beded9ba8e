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
import org.springframework.web.bind.annotation.RestController;

/** Reports over the API: the triage queue, one report, classification, questions, hotline intake. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
@SecurityRequirement(name = "bearer")
class ReportsApi {

    record Intake(@NotBlank String channel, @NotNull @Valid PublicReport report) {}

    record Question(@NotBlank @Size(max = 5_000) String text) {}

    private final Triage triage;
    private final Reports reports;
    private final Incidents incidents;

    ReportsApi(Triage triage, Reports reports, Incidents incidents) {
        this.incidents = incidents;
        this.triage = triage;
        this.reports = reports;
    }

    @GetMapping
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "The triage queue, most urgent first (a child in danger now first); audited")
    List<Triage.Row> queue(@AuthenticationPrincipal CurrentUser me) {
        return triage.queue(me);
    }

    @PostMapping
    @Requires(Permission.REPORT_INTAKE)
    @Operation(
            summary =
                    "Record a report taken by phone, messenger or in person; answers with the receipt code for the caller")
    ResponseEntity<Reports.Receipt> intake(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Intake body) {
        Reports.Receipt receipt = triage.intake(me, body.report(), body.channel());
        return ResponseEntity.created(URI.create("/api/v1/reports")).body(receipt);
    }

    @GetMapping("/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "One report with its words and messages; the read is audited; the ETag is its version")
    ResponseEntity<Triage.Detail> read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        Triage.Detail detail = triage.read(me, id);
        return ResponseEntity.ok().eTag("\"" + detail.version() + "\"").body(detail);
    }

    @PatchMapping("/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Classify a report (urgency, category, place, status); If-Match carries the version read")
    ResponseEntity<Void> classify(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Triage.Classification body) {
        triage.classify(me, id, version(ifMatch), body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/messages")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Ask the person who reported a question; they read it with their receipt code")
    ResponseEntity<Map<String, String>> ask(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody Question body) {
        reports.ask(me, id, body.text());
        return ResponseEntity.status(201).body(Map.of("sent", "true"));
    }

    @GetMapping("/{id}/incidents")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Incidents that may concern the report: linked, sharing a phone number or handle, or open in"
                    + " the same district; the report read is audited")
    List<Incidents.Suggestion> incidents(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        Triage.Detail detail = triage.read(me, id);
        return incidents.suggestionsFor(
                me, id, detail.content(), detail.row().province(), detail.row().district());
    }

    @PostMapping("/{id}/incident")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Open an incident from the report (place, type, the adults it describes) and link them")
    ResponseEntity<Incidents.Incident> openIncident(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        Incidents.Incident opened = incidents.openFromReport(me, id);
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + opened.id()))
                .body(opened);
    }

    @PostMapping("/{id}/decision")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary = "Decide: NO_ACTION or DUPLICATE (with duplicateOf) close the report; OPEN_CASE hands it to the"
                    + " case team with a note; If-Match carries the version read")
    ResponseEntity<Void> decide(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Triage.Decision body) {
        triage.decide(me, id, version(ifMatch), body);
        return ResponseEntity.noContent().build();
    }

    static int version(String ifMatch) {
        return org.haven.platform.IfMatch.version(ifMatch, "intake");
    }
}
