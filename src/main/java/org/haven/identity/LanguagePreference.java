package org.haven.identity;

import org.haven.platform.LanguageChosen;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Keeps a signed-in person's language switch as their preferred language. */
@Component
class LanguagePreference {

    private final Accounts accounts;

    LanguagePreference(Accounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void on(LanguageChosen chosen) {
        CurrentUser user = SignIns.current(SecurityContextHolder.getContext().getAuthentication());
        if (user != null) {
            accounts.changeLanguage(user.id(), chosen.locale().getLanguage());
        }
    }
}
