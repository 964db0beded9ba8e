package org.haven.identity;

/**
 * A refused identity operation. The message is a message-bundle key, so the UI, the API and the
 * command line can each explain it in the person's language.
 */
public class IdentityException extends RuntimeException {

    private final transient Object[] arguments;

    public IdentityException(String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return getMessage();
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
