package org.haven.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The triage on-call roster over the API: who is alerted at once about a child in danger. */
@RestController
@RequestMapping("/api/v1/on-call")
@Tag(name = "On call")
@SecurityRequirement(name = "bearer")
class OnCallApi {

    /** A shift from now: for the caller, or for a colleague who also triages ({@code userId}). */
    record NewShift(
            UUID userId,
            @NotNull @Min(1) @Max(OnCall.MAX_HOURS) Integer hours) {}

    private final OnCall onCall;

    OnCallApi(OnCall onCall) {
        this.onCall = onCall;
    }

    @GetMapping
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(
            summary =
                    "Current and upcoming on-call shifts; nobodyOnCall means every triage officer is alerted; audited")
    OnCall.Roster roster(@AuthenticationPrincipal CurrentUser me) {
        return onCall.roster(me);
    }

    @PostMapping
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "Go on call from now for 1 to 24 hours, or put a colleague who triages on call")
    ResponseEntity<OnCall.Shift> take(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody NewShift body) {
        OnCall.Shift shift = onCall.take(me, body.userId(), body.hours());
        return ResponseEntity.created(URI.create("/api/v1/on-call/" + shift.id()))
                .body(shift);
    }

    @DeleteMapping("/{id}")
    @Requires(Permission.REPORT_TRIAGE)
    @Operation(summary = "End a shift now: one's own, or one the caller put on")
    ResponseEntity<Void> end(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        onCall.end(me, id);
        return ResponseEntity.noContent().build();
    }
}
