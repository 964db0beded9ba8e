package org.haven.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.MediaType;
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
import org.springframework.web.multipart.MultipartFile;

/** The sections of a case over the API: consent, assessments, care plan, notes, follow-ups, flags, tasks, timeline. */
@RestController
@RequestMapping("/api/v1/cases/{id}")
@Tag(name = "Case sections")
@SecurityRequirement(name = "bearer")
class CaseSectionsApi {

    record Withdrawal(
            @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String withdrawnOn) {}

    private final Consents consents;
    private final Assessments assessments;
    private final CarePlans plans;
    private final CaseNotes notes;
    private final FollowUps followUps;
    private final WorkItems work;
    private final Cases cases;
    private final Relations relations;
    private final Attachments attachments;

    CaseSectionsApi(
            Consents consents,
            Assessments assessments,
            CarePlans plans,
            CaseNotes notes,
            FollowUps followUps,
            WorkItems work,
            Cases cases,
            Relations relations,
            Attachments attachments) {
        this.consents = consents;
        this.assessments = assessments;
        this.plans = plans;
        this.notes = notes;
        this.followUps = followUps;
        this.work = work;
        this.cases = cases;
        this.relations = relations;
        this.attachments = attachments;
    }

    @GetMapping("/relations")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Guardians, family and other contacts of the child")
    List<Relations.Relation> relations(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return relations.of(me, id);
    }

    @PostMapping("/relations")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Add a guardian, relative or other contact (encrypted)")
    ResponseEntity<Map<String, UUID>> addRelation(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody Relations.RelationInput body) {
        return created(id, "relations", relations.add(me, id, body));
    }

    @GetMapping("/consents")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Consent and assent recorded for the case, with whether each is in force today")
    List<Consents.Consent> consents(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return consents.of(me, id);
    }

    @PostMapping("/consents")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Record consent or assent")
    ResponseEntity<Map<String, UUID>> recordConsent(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody Consents.ConsentInput body) {
        return created(id, "consents", consents.record(me, id, body));
    }

    @PostMapping("/consents/{consent}/withdrawal")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Record that consent was withdrawn")
    ResponseEntity<Void> withdraw(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID consent,
            @Valid @RequestBody Withdrawal body) {
        LocalDate day =
                body.withdrawnOn() == null || body.withdrawnOn().isBlank() ? null : LocalDate.parse(body.withdrawnOn());
        consents.withdraw(me, id, consent, day);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/assessments")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Assessments, oldest first, to show change over time")
    List<Assessments.Assessment> assessments(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return assessments.of(me, id);
    }

    @PostMapping("/assessments")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Record an assessment: every domain rated 0–3; gives the risk level and needs")
    ResponseEntity<Assessments.Assessment> assess(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody Assessments.AssessmentInput body) {
        Assessments.Assessment assessment = assessments.record(me, id, body);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/assessments"))
                .body(assessment);
    }

    @GetMapping("/plan")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "The care plan: goals, services, approval")
    CarePlans.Plan plan(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return plans.of(me, id);
    }

    @PostMapping("/plan/goals")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Add a goal for an assessed need (an approved plan becomes a draft again)")
    ResponseEntity<Map<String, UUID>> addGoal(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody CarePlans.GoalInput body) {
        return created(id, "plan", plans.addGoal(me, id, body));
    }

    @PostMapping("/plan/services")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Add a service to the plan")
    ResponseEntity<Map<String, UUID>> addService(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody CarePlans.ServiceInput body) {
        return created(id, "plan", plans.addService(me, id, body));
    }

    @PatchMapping("/plan/services/{service}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Change a service's status; If-Match carries the service's version")
    ResponseEntity<Void> updateService(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID service,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CarePlans.ServiceUpdate body) {
        plans.updateService(me, id, service, CasesApi.version(ifMatch), body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/plan/submission")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Submit the plan for a supervisor's approval; If-Match carries the case's version")
    ResponseEntity<Void> submit(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        plans.submit(me, id, CasesApi.version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/plan/approval")
    @Requires(Permission.CASE_APPROVE)
    @Operation(summary = "Approve the submitted plan; If-Match carries the case's version")
    ResponseEntity<Void> approve(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        plans.approve(me, id, CasesApi.version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notes")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Case notes, newest first (the read is audited)")
    List<CaseNotes.Note> notes(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return notes.of(me, id);
    }

    @PostMapping("/notes")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Add a case note (encrypted)")
    ResponseEntity<Map<String, UUID>> addNote(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody CaseNotes.NoteInput body) {
        return created(id, "notes", notes.add(me, id, body));
    }

    @GetMapping("/follow-ups")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Follow-ups after reintegration, planned and done")
    List<FollowUps.FollowUp> followUps(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return followUps.of(me, id);
    }

    @PostMapping("/follow-ups/{followUp}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Record a follow-up; re-exploited or missing reopens the case at critical risk")
    ResponseEntity<Void> recordFollowUp(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID followUp,
            @Valid @RequestBody FollowUps.FollowUpInput body) {
        followUps.record(me, id, followUp, body);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/flags")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Open flags of the case")
    List<WorkItems.Flag> flags(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return work.flags(me, id);
    }

    @PostMapping("/flags")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Flag the case, with a reason")
    ResponseEntity<Map<String, UUID>> flag(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody WorkItems.FlagInput body) {
        return created(id, "flags", work.raise(me, id, body));
    }

    @DeleteMapping("/flags/{flag}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Clear a flag (it stays on the timeline)")
    ResponseEntity<Void> clearFlag(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID flag) {
        work.clear(me, id, flag);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tasks")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Tasks of the case")
    List<WorkItems.Task> tasks(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return work.tasksOf(me, id);
    }

    @PostMapping("/tasks")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Add a task with a due date for someone in the organization")
    ResponseEntity<Map<String, UUID>> addTask(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @RequestBody WorkItems.TaskInput body) {
        return created(id, "tasks", work.addTask(me, id, body));
    }

    @GetMapping("/attachments")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Files attached to the case")
    List<Attachments.Attachment> attachments(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return attachments.of(me, id);
    }

    @PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.CASE_WRITE)
    @Operation(
            summary = "Attach a file: PDF, JPEG, PNG, WebP or text up to 10 MB, type read from its bytes;"
                    + " picture metadata (GPS, camera) is removed; stored encrypted")
    ResponseEntity<Map<String, UUID>> attach(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam("kind") String kind,
            @RequestParam("file") MultipartFile file)
            throws java.io.IOException {
        return created(
                id, "attachments", attachments.attach(me, id, kind, file.getOriginalFilename(), file.getBytes()));
    }

    @GetMapping("/attachments/{attachment}")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Download a file (audited); always as an attachment, never shown inline")
    ResponseEntity<byte[]> download(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID attachment) {
        return AttachmentResponses.of(attachments.download(me, id, attachment));
    }

    @GetMapping("/timeline")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Everything that happened in the case, in order")
    List<Timeline.Entry> timeline(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return cases.timeline(me, id);
    }

    private static ResponseEntity<Map<String, UUID>> created(UUID caseId, String section, UUID id) {
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId + "/" + section))
                .body(Map.of("id", id));
    }
}
