package org.haven.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A person's work over the API: their day, their team, tasks, alerts, break-glass, the follow-up schedule. */
@RestController
@Tag(name = "Work")
@SecurityRequirement(name = "bearer")
class WorkApi {

    record Schedule(@NotEmpty List<Integer> months) {}

    private final Worklists worklists;
    private final WorkItems work;
    private final Alerts alerts;
    private final BreakGlass breakGlass;
    private final FollowUps followUps;

    WorkApi(Worklists worklists, WorkItems work, Alerts alerts, BreakGlass breakGlass, FollowUps followUps) {
        this.worklists = worklists;
        this.work = work;
        this.alerts = alerts;
        this.breakGlass = breakGlass;
        this.followUps = followUps;
    }

    @GetMapping("/api/v1/work/my-day")
    @Requires(Permission.CASE_READ)
    @Operation(
            summary = "What the caller must do today: cases by risk, critical cases, overdue follow-ups, tasks, flags")
    Worklists.MyDay myDay(@AuthenticationPrincipal CurrentUser me) {
        return worklists.myDay(me);
    }

    @GetMapping("/api/v1/work/team")
    @Requires(Permission.CASE_APPROVE)
    @Operation(summary = "The supervisor's view: caseload per worker, approvals waiting, overdue items, quiet cases")
    Worklists.TeamView team(@AuthenticationPrincipal CurrentUser me) {
        return worklists.team(me);
    }

    @GetMapping("/api/v1/tasks")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "The caller's open tasks, soonest due first")
    List<WorkItems.Task> tasks(@AuthenticationPrincipal CurrentUser me) {
        return work.myTasks(me);
    }

    @PostMapping("/api/v1/tasks/{task}/completion")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Mark a task done")
    ResponseEntity<Void> complete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID task) {
        work.complete(me, task);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/alerts")
    @Requires(Permission.SIGN_IN)
    @Operation(summary = "The caller's unread alerts (they say a case needs attention, never what happened)")
    List<Alerts.Alert> alerts(@AuthenticationPrincipal CurrentUser me) {
        return alerts.unread(me);
    }

    @PostMapping("/api/v1/alerts/{alert}/dismissal")
    @Requires(Permission.SIGN_IN)
    @Operation(summary = "Mark an alert read")
    ResponseEntity<Void> dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID alert) {
        alerts.dismiss(me, alert);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/break-glass")
    @Requires(Permission.BREAK_GLASS)
    @Operation(
            summary =
                    "Emergency access to one case outside the caller's scope: reason, time box, administrators alerted")
    BreakGlass.Grant breakGlass(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody BreakGlass.Request body) {
        return breakGlass.open(me, body);
    }

    @GetMapping("/api/v1/case-settings/follow-up-schedule")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "The organization's follow-up schedule, in months after reintegration")
    List<Integer> schedule(@AuthenticationPrincipal CurrentUser me) {
        return followUps.scheduleOf(me);
    }

    @PutMapping("/api/v1/case-settings/follow-up-schedule")
    @Requires(Permission.CASE_APPROVE)
    @Operation(summary = "Change the organization's follow-up schedule")
    List<Integer> changeSchedule(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Schedule body) {
        return followUps.changeSchedule(me, body.months());
    }
}
