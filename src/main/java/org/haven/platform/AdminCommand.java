package org.haven.platform;

import java.io.PrintStream;
import java.util.Map;

/**
 * An operator command a module adds to {@code ./haven admin}. The dispatcher parses "--key value"
 * options and passes them here; results go to {@code out}, problems to {@code err}.
 */
public interface AdminCommand {

    /** The option holding a first argument written without "--" (for example an id). */
    String ARGUMENT = "argument";

    /** The command's words, for example "rotate-keys" or "audit verify". */
    String name();

    /** One or two usage lines for the help text, indented by two spaces. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 done, 1 refused or failed, 2 usage mistake
     */
    int run(Map<String, String> options, PrintStream out, PrintStream err);

    /** A usage mistake: the dispatcher prints the message and exits with 2. */
    class UsageProblem extends RuntimeException {
        public UsageProblem(String message) {
            super(message);
        }
    }

    /** The value of a required option. */
    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageProblem("--" + name + " is required.");
        }
        return value;
    }
}
