package org.haven.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API tokens: list and revoke (creation happens on the account page or the command line). */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Identity")
@SecurityRequirement(name = "bearer")
class TokensApi {

    private final ApiTokens tokens;

    TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Requires(Permission.SIGN_IN)
    @Operation(summary = "The caller's tokens (never their secrets)")
    List<ApiTokens.TokenView> list(@AuthenticationPrincipal CurrentUser me) {
        return tokens.list(me.id());
    }

    @DeleteMapping("/{id}")
    @Requires(Permission.SIGN_IN)
    @Operation(summary = "Revoke one of the caller's tokens")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        if (!tokens.revoke(me.id(), id)) {
            throw new IdentityException("token.notFound");
        }
        return ResponseEntity.noContent().build();
    }
}
