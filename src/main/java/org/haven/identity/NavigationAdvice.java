package org.haven.identity;

import org.haven.platform.PageController;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person (or null) and what they may open into every page's model. */
// Pages only: an API request has no layout to fill (decision 41).
@ControllerAdvice(annotations = PageController.class)
class NavigationAdvice {

    /** Which navigation entries the layout shows. */
    record Navigation(
            boolean staff,
            boolean manageStaff,
            boolean organizations,
            boolean audit,
            boolean cases,
            boolean team,
            boolean triage,
            boolean intake,
            boolean referrals) {}

    @ModelAttribute("currentUser")
    CurrentUser currentUser() {
        return SignIns.current(SecurityContextHolder.getContext().getAuthentication());
    }

    @ModelAttribute("nav")
    Navigation navigation() {
        CurrentUser user = currentUser();
        if (user == null) {
            return new Navigation(false, false, false, false, false, false, false, false, false);
        }
        return new Navigation(
                user.can(Permission.USER_READ),
                user.can(Permission.USER_MANAGE),
                user.can(Permission.NETWORK_MANAGE),
                user.can(Permission.ACCESS_LOG_READ),
                user.can(Permission.CASE_READ),
                user.can(Permission.CASE_APPROVE),
                user.can(Permission.REPORT_TRIAGE),
                user.can(Permission.REPORT_INTAKE),
                user.can(Permission.REFERRAL_RECEIVE));
    }
}
