package org.haven.intake.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.platform.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A partner organization's queue over the API: reports passed to it, acknowledgement, outcome. */
@RestController
@RequestMapping("/api/v1/referrals")
@Tag(name = "Referrals received")
@SecurityRequirement(name = "bearer")
class ReferralsApi {

    record Outcome(
            @NotBlank String outcome,
            @Size(max = RoutingCodes.MAX_NOTE) String note) {}

    private final PartnerQueue queue;

    ReferralsApi(PartnerQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    @Requires(Permission.REFERRAL_RECEIVE)
    @Operation(summary = "Reports passed to one's organization, waiting ones first; no words; audited")
    List<PartnerQueue.ReferralRow> list(@AuthenticationPrincipal CurrentUser me) {
        return queue.list(me);
    }

    @GetMapping("/{id}")
    @Requires(Permission.REFERRAL_RECEIVE)
    @Operation(summary = "One referral with its summary; the read is audited; the ETag is its version")
    ResponseEntity<PartnerQueue.Referral> read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        PartnerQueue.Referral referral = queue.read(me, id);
        return ResponseEntity.ok().eTag("\"" + referral.row().version() + "\"").body(referral);
    }

    @PostMapping("/{id}/acknowledgement")
    @Requires(Permission.REFERRAL_RECEIVE)
    @Operation(summary = "Acknowledge a referral; If-Match carries the version read; the sender sees it at once")
    ResponseEntity<Void> acknowledge(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        queue.acknowledge(me, id, IfMatch.version(ifMatch, "referral"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/outcome")
    @Requires(Permission.REFERRAL_RECEIVE)
    @Operation(
            summary = "Report the outcome (NO_ACTION_POSSIBLE, INVESTIGATED, RESCUE, ARRESTS, PROSECUTION,"
                    + " REFERRED_ON) with an optional note; If-Match carries the version read")
    ResponseEntity<Void> outcome(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Outcome body) {
        queue.reportOutcome(me, id, IfMatch.version(ifMatch, "referral"), body.outcome(), body.note());
        return ResponseEntity.noContent().build();
    }
}
