package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.UUID;
import org.haven.platform.PageController;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sign-in pages: e-mail and password (processed by Spring Security), then the second factor —
 * a code from the app, a recovery code, or enrollment when the account has no second factor yet.
 */
@PageController
class SignInController {

    /** Session attribute prefix of a sealed seed awaiting confirmation, per account. */
    static final String PENDING_SEED = "haven.pendingTotpSeed.";

    private final SecondFactors factors;
    private final SignIns signIns;

    SignInController(SecondFactors factors, SignIns signIns) {
        this.factors = factors;
        this.signIns = signIns;
    }

    @GetMapping("/login")
    String login(Authentication authentication) {
        if (SignIns.current(authentication) != null) {
            return "redirect:/";
        }
        return "identity/login";
    }

    @GetMapping("/mfa")
    String verifyForm() {
        return "identity/mfa-verify";
    }

    @PostMapping("/mfa")
    String verify(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            Model model) {
        PendingSignIn pending = pendingOrFail(authentication);
        try {
            factors.verify(pending.userId(), code);
        } catch (IdentityException refused) {
            model.addAttribute("errorKey", refused.messageKey());
            return "identity/mfa-verify";
        }
        signIns.complete(pending.userId(), "password+totp", request, response);
        return "redirect:/";
    }

    @GetMapping("/mfa/recovery")
    String recoveryForm() {
        return "identity/mfa-recovery";
    }

    @PostMapping("/mfa/recovery")
    String recover(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            Model model,
            RedirectAttributes redirect) {
        PendingSignIn pending = pendingOrFail(authentication);
        int remaining;
        try {
            remaining = factors.recover(pending.userId(), code);
        } catch (IdentityException refused) {
            model.addAttribute("errorKey", refused.messageKey());
            return "identity/mfa-recovery";
        }
        signIns.complete(pending.userId(), "password+recovery-code", request, response);
        redirect.addFlashAttribute("recoveryCodesLeft", remaining);
        return "redirect:/account";
    }

    @GetMapping("/mfa/enroll")
    String enrollForm(HttpServletRequest request, Authentication authentication, Model model) {
        var userId = enrollingUserId(authentication);
        byte[] sealed = pendingSeed(request.getSession(), userId);
        model.addAttribute("secret", TotpCodes.grouped(factors.pendingSeed(userId, sealed)));
        model.addAttribute("duringSignIn", SignIns.pending(authentication) != null);
        return "identity/mfa-enroll";
    }

    @GetMapping(value = "/mfa/enroll/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> enrollQr(HttpServletRequest request, Authentication authentication) {
        var userId = enrollingUserId(authentication);
        byte[] sealed = pendingSeed(request.getSession(), userId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.IMAGE_PNG)
                .body(factors.qrCode(userId, sealed));
    }

    @PostMapping("/mfa/enroll")
    String enroll(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            Model model,
            RedirectAttributes redirect) {
        var userId = enrollingUserId(authentication);
        HttpSession session = request.getSession();
        byte[] sealed = pendingSeed(session, userId);
        boolean duringSignIn = SignIns.pending(authentication) != null;
        List<String> codes;
        try {
            codes = factors.confirmEnrollment(userId, sealed, code, session.getId());
        } catch (IdentityException refused) {
            model.addAttribute("errorKey", refused.messageKey());
            model.addAttribute("secret", TotpCodes.grouped(factors.pendingSeed(userId, sealed)));
            model.addAttribute("duringSignIn", duringSignIn);
            return "identity/mfa-enroll";
        }
        session.removeAttribute(PENDING_SEED + userId);
        if (duringSignIn) {
            signIns.complete(userId, "password+totp-enrollment", request, response);
        }
        redirect.addFlashAttribute("recoveryCodes", codes);
        return "redirect:/account/recovery-codes";
    }

    /** The seed this account is enrolling, kept sealed in the session under the account's id. */
    private byte[] pendingSeed(HttpSession session, UUID userId) {
        if (session.getAttribute(PENDING_SEED + userId) instanceof byte[] sealed) {
            return sealed;
        }
        byte[] sealed = factors.newPendingSeed(userId);
        session.setAttribute(PENDING_SEED + userId, sealed);
        return sealed;
    }

    private static PendingSignIn pendingOrFail(Authentication authentication) {
        PendingSignIn pending = SignIns.pending(authentication);
        if (pending == null) {
            throw new IdentityException("signin.failed");
        }
        return pending;
    }

    /**
     * Who is enrolling: a signed-in person replacing their factor, or someone halfway through sign-in
     * whose account has no second factor yet. Someone who only knows the password of an account that
     * has one must never reach enrollment: that would bypass the factor.
     */
    private UUID enrollingUserId(Authentication authentication) {
        PendingSignIn pending = SignIns.pending(authentication);
        if (pending != null) {
            if (pending.secondFactorEnrolled() || factors.enrolled(pending.userId())) {
                throw new IdentityException("mfa.alreadyEnrolled");
            }
            return pending.userId();
        }
        CurrentUser user = SignIns.current(authentication);
        if (user == null) {
            throw new IdentityException("signin.failed");
        }
        return user.id();
    }
}
