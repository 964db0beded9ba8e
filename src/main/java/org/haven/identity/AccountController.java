package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.haven.platform.HavenLocales;
import org.haven.platform.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's own account: password, second factor, recovery codes, language, API tokens, sessions. */
@PageController
@Requires(Permission.SIGN_IN)
class AccountController {

    private final Accounts accounts;
    private final SecondFactors factors;
    private final ApiTokens tokens;
    private final Passkeys passkeys;
    private final Clock clock;

    AccountController(Accounts accounts, SecondFactors factors, ApiTokens tokens, Passkeys passkeys, Clock clock) {
        this.accounts = accounts;
        this.factors = factors;
        this.tokens = tokens;
        this.passkeys = passkeys;
        this.clock = clock;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("enrolled", factors.enrolled(me.id()));
        model.addAttribute("recoveryLeft", factors.remainingRecoveryCodes(me.id()));
        model.addAttribute("tokens", tokens.list(me.id()));
        model.addAttribute("passkeys", passkeys.list(me.id()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("grantable", me.role().permissions());
        return "identity/account";
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "current", defaultValue = "") String current,
            @RequestParam(name = "replacement", defaultValue = "") String replacement,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            accounts.changePassword(
                    me.id(), current, replacement, request.getSession().getId());
            redirect.addFlashAttribute("successKey", "account.password.changed");
        } catch (IdentityException refused) {
            redirect.addFlashAttribute("passwordErrorKey", refused.messageKey());
        }
        return "redirect:/account#password";
    }

    @PostMapping("/account/language")
    String changeLanguage(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "language", defaultValue = "") String language,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Locale chosen = HavenLocales.supported(language);
        accounts.changeLanguage(me.id(), chosen.getLanguage());
        HavenLocales.remember(request, chosen);
        redirect.addFlashAttribute("successKey", "account.language.changed");
        return "redirect:/account";
    }

    @GetMapping("/account/recovery-codes")
    String recoveryCodes(Model model) {
        if (!model.containsAttribute("recoveryCodes")) {
            return "redirect:/account";
        }
        return "identity/recovery-codes";
    }

    @PostMapping("/account/recovery-codes")
    String regenerateRecoveryCodes(@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
        List<String> codes = factors.regenerateRecoveryCodes(me.id());
        redirect.addFlashAttribute("recoveryCodes", codes);
        return "redirect:/account/recovery-codes";
    }

    @PostMapping("/account/passkeys/{id}/remove")
    String removePasskey(
            @AuthenticationPrincipal CurrentUser me, @PathVariable String id, RedirectAttributes redirect) {
        if (passkeys.remove(me.id(), id)) {
            redirect.addFlashAttribute("successKey", "account.passkeys.removed");
        }
        return "redirect:/account#passkeys";
    }

    @PostMapping("/account/sign-out-everywhere")
    String signOutEverywhere(
            @AuthenticationPrincipal CurrentUser me, HttpServletRequest request, HttpServletResponse response) {
        accounts.signOutEverywhere(me.id());
        new SecurityContextLogoutHandler().logout(request, response, null);
        return "redirect:/login?signedOutEverywhere";
    }

    @PostMapping("/account/tokens")
    String createToken(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "days", defaultValue = "30") int days,
            @RequestParam(name = "permissions", required = false) List<String> permissionNames,
            RedirectAttributes redirect) {
        Set<Permission> wanted = EnumSet.noneOf(Permission.class);
        if (permissionNames != null) {
            permissionNames.stream()
                    .map(Permission::named)
                    .flatMap(Optional::stream)
                    .forEach(wanted::add);
        }
        try {
            var created = tokens.create(me.id(), name, wanted, Duration.ofDays(Math.max(0, Math.min(days, 366))));
            redirect.addFlashAttribute("newToken", created.secret());
            redirect.addFlashAttribute("newTokenName", created.token().name());
        } catch (IdentityException refused) {
            redirect.addFlashAttribute("tokenErrorKey", refused.messageKey());
        }
        return "redirect:/account#tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        if (tokens.revoke(me.id(), id)) {
            redirect.addFlashAttribute("successKey", "account.token.revoked");
        }
        return "redirect:/account#tokens";
    }
}
