package org.haven.identity;

import jakarta.servlet.http.HttpServletResponse;
import org.haven.platform.Refusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Refused operations on web pages: a page in the person's language, never a stack trace. */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class IdentityErrors {

    @ExceptionHandler(IdentityException.class)
    ModelAndView refused(IdentityException refused, HttpServletResponse response) {
        if (refused.messageKey().equals("signin.failed") || refused.messageKey().equals("mfa.alreadyEnrolled")) {
            return new ModelAndView("redirect:/login");
        }
        int status = refused.messageKey().endsWith("notFound") ? 404 : 400;
        response.setStatus(status);
        return page(status, refused.messageKey());
    }

    /** Refusals of other modules ({@link Refusal}) on web pages, in the same way. */
    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refused, HttpServletResponse response) {
        response.setStatus(refused.status().code);
        if (refused.status() == Refusal.Status.UNAVAILABLE) {
            response.setHeader("Retry-After", Refusal.RETRY_AFTER);
        }
        return page(refused.status().code, refused.messageKey());
    }

    private static ModelAndView page(int status, String messageKey) {
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", status);
        page.addObject("messageKey", messageKey);
        return page;
    }
}
