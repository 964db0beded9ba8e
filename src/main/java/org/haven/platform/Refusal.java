package org.haven.platform;

/**
 * A request Haven refuses for a reason the person can act on. The message key names a sentence in
 * the message bundles; the status is the HTTP status an API answers with.
 */
public class Refusal extends RuntimeException {

    public enum Status {
        NOT_FOUND(404),
        FORBIDDEN(403),
        CONFLICT(409),
        PRECONDITION_FAILED(412),
        PRECONDITION_REQUIRED(428),
        UNPROCESSABLE(422),
        /** Busy for now: the person may try again in a few seconds; nothing was changed. */
        UNAVAILABLE(503);

        public final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** Seconds after which a request refused as {@link Status#UNAVAILABLE} may be tried again (Retry-After). */
    public static final String RETRY_AFTER = "5";

    private final Status status;
    private final String messageKey;
    private final transient Object[] arguments;
    private final transient java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();

    public Refusal(Status status, String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public Status status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** Adds a property an API answer carries along with the message (for example the candidates found). */
    protected void property(String name, Object value) {
        properties.put(name, value);
    }

    public java.util.Map<String, Object> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }
}
