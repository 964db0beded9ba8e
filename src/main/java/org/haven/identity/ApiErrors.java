package org.haven.identity;

import java.util.Locale;
import org.haven.platform.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of an API endpoint as RFC 9457 problem details, explained in English: Haven's refusals,
 * and Spring MVC's own (bad JSON, validation, wrong types) through {@link ResponseEntityExceptionHandler}.
 * Web pages are not affected: their errors go to the error page.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    ApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(IdentityException.class)
    ResponseEntity<ProblemDetail> refused(IdentityException refused) {
        String key = refused.messageKey();
        HttpStatus status = key.endsWith("notFound")
                ? HttpStatus.NOT_FOUND
                : key.equals("user.stale")
                        ? HttpStatus.PRECONDITION_FAILED
                        : key.equals("user.forbidden")
                                ? HttpStatus.FORBIDDEN
                                : key.equals("user.emailTaken")
                                        ? HttpStatus.CONFLICT
                                        : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, messages.getMessage(key, refused.arguments(), key, Locale.ENGLISH));
        problem.setProperty("code", key);
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refused) {
        HttpStatus status = HttpStatus.valueOf(refused.status().code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status,
                messages.getMessage(refused.messageKey(), refused.arguments(), refused.messageKey(), Locale.ENGLISH));
        problem.setProperty("code", refused.messageKey());
        refused.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, Refusal.RETRY_AFTER);
        }
        return answer.body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.FORBIDDEN, "This token does not allow this request."));
    }
}
