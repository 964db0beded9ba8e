package org.haven.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
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

/** Staff administration over the API, with the same rules as the screens. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
class UsersApi {

    /** An invitation request. */
    record InviteRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            UUID teamId,
            UUID organizationId,
            @Pattern(regexp = "en|km") String language) {}

    /** The invited account and its one-time activation link (shown once). */
    record InviteResponse(UserView user, String activationLink, boolean mailed) {}

    /** A change of role, team or status; fields left out keep their value. */
    record ChangeRequest(Role role, UUID teamId, Boolean clearTeam, UserStatus status, Integer version) {}

    private final UserAdministration administration;
    private final ActivationLinks links;

    UsersApi(UserAdministration administration, ActivationLinks links) {
        this.administration = administration;
        this.links = links;
    }

    @GetMapping
    @Requires(Permission.USER_READ)
    @Operation(summary = "Staff the token's owner may see")
    List<UserView> list(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "organization", required = false) UUID organization) {
        return administration.list(me, organization);
    }

    @GetMapping("/{id}")
    @Requires(Permission.USER_READ)
    @Operation(summary = "One staff account; its ETag is the version to send back when changing it")
    ResponseEntity<UserView> get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        UserView user = administration.get(me, id);
        return ResponseEntity.ok().eTag(etag(user)).body(user);
    }

    @PostMapping
    @Requires(Permission.USER_MANAGE)
    @Operation(summary = "Invite a person; the response carries a one-time activation link")
    ResponseEntity<InviteResponse> invite(
            @AuthenticationPrincipal CurrentUser me,
            @Valid @RequestBody InviteRequest body,
            HttpServletRequest request) {
        String base = links.base(request);
        var invitation = administration.invite(
                me,
                new NewUser(
                        body.organizationId(),
                        body.teamId(),
                        body.email(),
                        body.displayName(),
                        body.role(),
                        body.language() == null ? "en" : body.language()),
                base);
        URI location = URI.create("/api/v1/users/" + invitation.user().id());
        return ResponseEntity.created(location)
                .eTag(etag(invitation.user()))
                .body(new InviteResponse(
                        invitation.user(), base + "/activate/" + invitation.activationToken(), invitation.mailed()));
    }

    @PatchMapping("/{id}")
    @Requires(Permission.USER_MANAGE)
    @Operation(summary = "Change role, team or status; needs If-Match with the ETag, or the version in the body")
    ResponseEntity<UserView> change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ChangeRequest body) {
        UserView current = administration.get(me, id);
        Integer version = body.version() != null ? body.version() : parseEtag(ifMatch);
        if (version == null) {
            throw new IdentityException("user.versionRequired");
        }
        UUID team =
                Boolean.TRUE.equals(body.clearTeam()) ? null : body.teamId() != null ? body.teamId() : current.teamId();
        UserView changed = administration.change(
                me,
                id,
                version,
                body.role() != null ? body.role() : current.role(),
                team,
                body.status() != null ? body.status() : current.status());
        return ResponseEntity.ok().eTag(etag(changed)).body(changed);
    }

    @DeleteMapping("/{id}/second-factor")
    @Requires(Permission.USER_MANAGE)
    @Operation(summary = "Reset the account's second factor and sign it out everywhere")
    ResponseEntity<Void> resetSecondFactor(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        administration.resetSecondFactor(me, id);
        return ResponseEntity.noContent().build();
    }

    private static String etag(UserView user) {
        return "\"" + user.version() + "\"";
    }

    private static Integer parseEtag(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String value = ifMatch.strip().replace("W/", "").replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IdentityException("user.versionRequired");
        }
    }
}
