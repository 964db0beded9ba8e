package org.haven.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the bearer token belongs to. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
@SecurityRequirement(name = "bearer")
class MeApi {

    /** The token's owner and what this token may do. */
    record Me(
            UUID id,
            String email,
            String displayName,
            String language,
            Role role,
            RecordScope scope,
            UUID organizationId,
            String organizationName,
            UUID teamId,
            Set<Permission> permissions) {}

    private final Organizations organizations;

    MeApi(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    @Requires(Permission.SIGN_IN)
    @Operation(summary = "The person this token acts for")
    Me me(@AuthenticationPrincipal CurrentUser me) {
        String organizationName = organizations
                .findById(me.organizationId())
                .map(Organizations.Organization::name)
                .orElse(null);
        return new Me(
                me.id(),
                me.email(),
                me.displayName(),
                me.language(),
                me.role(),
                me.scope(),
                me.organizationId(),
                organizationName,
                me.teamId(),
                me.permissions());
    }
}
