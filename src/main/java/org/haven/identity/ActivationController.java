package org.haven.identity;

import org.haven.platform.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page an invited person reaches from their activation link: choose a password. */
@PageController
class ActivationController {

    private final Accounts accounts;

    ActivationController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/activate/{token}")
    String form(@PathVariable String token, Model model) {
        var user = accounts.invited(token);
        if (user.isEmpty()) {
            model.addAttribute("invalid", true);
            return "identity/activate";
        }
        model.addAttribute("name", user.get().displayName());
        model.addAttribute("email", user.get().email());
        return "identity/activate";
    }

    @PostMapping("/activate/{token}")
    String activate(
            @PathVariable String token,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation,
            Model model) {
        var user = accounts.invited(token);
        if (user.isEmpty()) {
            model.addAttribute("invalid", true);
            return "identity/activate";
        }
        String problem = null;
        if (!password.equals(confirmation)) {
            problem = "password.mismatch";
        } else {
            try {
                accounts.activate(token, password);
            } catch (IdentityException refused) {
                problem = refused.messageKey();
            }
        }
        if (problem != null) {
            model.addAttribute("name", user.get().displayName());
            model.addAttribute("email", user.get().email());
            model.addAttribute("errorKey", problem);
            return "identity/activate";
        }
        return "redirect:/login?activated";
    }
}
