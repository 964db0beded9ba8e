package org.haven.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.IdentityEvent.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes {@link IdentityEvent}s; one place, so every call site reads the same. */
@Component
class IdentityEvents {

    private final ApplicationEventPublisher publisher;

    IdentityEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Something a person did to or with an account. */
    void account(Kind kind, UUID organization, UUID actor, UUID subject) {
        publish(new IdentityEvent(kind, true, organization, actor, subject, "staff_user", List.of(), Map.of()));
    }

    /** A change of an account's fields, with old and new values kept (encrypted) as details. */
    void changed(UUID organization, UUID actor, UUID subject, List<String> fields, Map<String, String> details) {
        publish(new IdentityEvent(
                Kind.USER_CHANGED, true, organization, actor, subject, "staff_user", fields, details));
    }

    /** A refused sign-in step; {@code typedEmail} is stored encrypted, never logged. */
    void signInRefused(UUID organization, UUID subject, String stage, String typedEmail) {
        publish(new IdentityEvent(
                Kind.SIGN_IN,
                false,
                organization,
                null,
                subject,
                "staff_user",
                List.of(),
                typedEmail == null ? Map.of("stage", stage) : Map.of("stage", stage, "email", typedEmail)));
    }

    /** A refused change (for example a wrong current password). */
    void refused(Kind kind, UUID organization, UUID actor, UUID subject) {
        publish(new IdentityEvent(kind, false, organization, actor, subject, "staff_user", List.of(), Map.of()));
    }

    void other(
            Kind kind, UUID organization, UUID actor, UUID subject, String subjectType, Map<String, String> details) {
        publish(new IdentityEvent(kind, true, organization, actor, subject, subjectType, List.of(), details));
    }

    void publish(IdentityEvent event) {
        publisher.publishEvent(event);
    }
}
