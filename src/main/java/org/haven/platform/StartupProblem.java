package org.haven.platform;

/**
 * A configuration problem that stops Haven from starting. Its message is one plain sentence for the
 * operator; the launcher prints it instead of a stack trace.
 */
public class StartupProblem extends RuntimeException {

    public StartupProblem(String sentence) {
        super(sentence, null, false, false);
    }

    /** The first line of a driver's or library's message, for quoting it in a sentence. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Finds a startup problem anywhere in the cause chain of {@code failure}, or returns null. */
    public static StartupProblem find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return problem;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
