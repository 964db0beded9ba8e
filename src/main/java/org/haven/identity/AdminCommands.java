package org.haven.identity;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.platform.AdminCommand;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code ./haven admin COMMAND}: operator commands against the same database as the server, usable
 * while it runs. Results go to stdout (a token alone on its line, so scripts can capture it);
 * problems go to stderr with exit code 1 (2 for a usage mistake).
 */
@Component
@Profile("admin")
class AdminCommands implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = """
            Usage: ./haven admin COMMAND [OPTIONS]

              create-organization --name NAME
              create-user --organization ID|NAME --email EMAIL --name NAME --role ROLE [--team TEAM] [--language en|km]
                  (reads the password from standard input)
              create-token --email EMAIL --name NAME [--expires-in 30d] [--permissions P1,P2]
              list-users [--organization ID|NAME]
            %s  help

            Roles: HOTLINE_OPERATOR TRIAGE_OFFICER CASEWORKER SUPERVISOR PARTNER_STAFF ANALYST
                   ORGANIZATION_ADMIN NETWORK_ADMIN AUDITOR
            """;

    private final Organizations organizations;
    private final UserAdministration administration;
    private final StaffUsers users;
    private final ApiTokens tokens;
    private final MessageSource messages;
    private final List<AdminCommand> extensions;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private int exitCode;

    AdminCommands(
            Organizations organizations,
            UserAdministration administration,
            StaffUsers users,
            ApiTokens tokens,
            MessageSource messages,
            List<AdminCommand> extensions) {
        this.extensions = extensions;
        this.organizations = organizations;
        this.administration = administration;
        this.users = users;
        this.tokens = tokens;
        this.messages = messages;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        exitCode = execute(arguments.getSourceArgs());
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Runs one command; returns the process exit code. */
    int execute(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        for (AdminCommand extension : extensions) {
            String[] words = extension.name().split(" ");
            if (args.length >= words.length
                    && java.util.Arrays.equals(words, java.util.Arrays.copyOf(args, words.length))) {
                return runExtension(extension, java.util.Arrays.copyOfRange(args, words.length - 1, args.length));
            }
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("haven admin: " + e.getMessage());
            return 2;
        }
        try {
            return switch (args[0]) {
                case "create-organization" -> createOrganization(options);
                case "create-user" -> createUser(options);
                case "create-token" -> createToken(options);
                case "list-users" -> listUsers(options);
                default -> {
                    err.println("haven admin: unknown command '" + args[0] + "'.");
                    err.print(usage());
                    yield 2;
                }
            };
        } catch (IdentityException refused) {
            err.println("haven admin: "
                    + messages.getMessage(
                            refused.messageKey(), refused.arguments(), refused.messageKey(), Locale.ENGLISH));
            return 1;
        } catch (UsageException usage) {
            err.println("haven admin: " + usage.getMessage());
            return 2;
        }
    }

    /** Runs a module's command; a first argument without "--" is passed as the option "argument". */
    private int runExtension(AdminCommand command, String[] args) {
        try {
            String positional = null;
            if (args.length > 1 && !args[1].startsWith("--")) {
                positional = args[1];
                String[] rest = new String[args.length - 1];
                rest[0] = args[0];
                System.arraycopy(args, 2, rest, 1, args.length - 2);
                args = rest;
            }
            Map<String, String> options = options(args);
            if (positional != null) {
                options.put(AdminCommand.ARGUMENT, positional);
            }
            return command.run(options, out, err);
        } catch (IllegalArgumentException | AdminCommand.UsageProblem usage) {
            err.println("haven admin: " + usage.getMessage());
            return 2;
        }
    }

    private String usage() {
        StringBuilder more = new StringBuilder();
        extensions.stream()
                .sorted(java.util.Comparator.comparing(AdminCommand::name))
                .forEach(command -> more.append(command.usage()).append('\n'));
        return USAGE.formatted(more);
    }

    private int createOrganization(Map<String, String> options) {
        var organization = organizations.create(required(options, "name"));
        out.println(organization.id());
        return 0;
    }

    private int createUser(Map<String, String> options) {
        var organization = organizations
                .find(required(options, "organization"))
                .orElseThrow(() -> new IdentityException("organization.notFound"));
        Role role = role(required(options, "role"));
        UUID team = null;
        if (options.containsKey("team")) {
            team = organizations.teams(organization.id()).stream()
                    .filter(t -> t.name().equalsIgnoreCase(options.get("team"))
                            || t.id().toString().equals(options.get("team")))
                    .findFirst()
                    .map(Organizations.Team::id)
                    .orElseThrow(() -> new IdentityException("team.notFound"));
        }
        String password = readPassword();
        var user = administration.createActive(
                new NewUser(
                        organization.id(),
                        team,
                        required(options, "email"),
                        required(options, "name"),
                        role,
                        options.getOrDefault("language", "en")),
                password);
        out.println(user.id());
        return 0;
    }

    private int createToken(Map<String, String> options) {
        String name = required(options, "name");
        Duration lifetime = duration(options.getOrDefault("expires-in", "30d"));
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (options.containsKey("permissions")) {
            for (String permission : options.get("permissions").split(",")) {
                permissions.add(Permission.named(permission)
                        .orElseThrow(() -> new UsageException("unknown permission '" + permission.strip() + "'.")));
            }
        }
        StaffUser owner =
                users.findByEmail(required(options, "email")).orElseThrow(() -> new IdentityException("user.notFound"));
        var created = tokens.create(owner.id(), name, permissions, lifetime);
        out.println(created.secret());
        return 0;
    }

    private int listUsers(Map<String, String> options) {
        UUID organizationId = null;
        if (options.containsKey("organization")) {
            organizationId = organizations
                    .find(options.get("organization"))
                    .orElseThrow(() -> new IdentityException("organization.notFound"))
                    .id();
        }
        List<UserView> list = users.list(organizationId);
        out.printf("%-36s  %-30s  %-20s  %-9s  %-3s  %s%n", "ID", "EMAIL", "ROLE", "STATUS", "2FA", "ORGANIZATION");
        for (UserView user : list) {
            out.printf(
                    "%-36s  %-30s  %-20s  %-9s  %-3s  %s%n",
                    user.id(),
                    user.email(),
                    user.role(),
                    user.status(),
                    user.secondFactorEnrolled() ? "yes" : "no",
                    user.organizationName());
        }
        return 0;
    }

    /** Parses "--key value" and "--key=value" pairs after the command name. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'.");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option '" + arg + "' needs a value.");
            }
        }
        return options;
    }

    /** Parses durations like 30m, 12h, 1d, 4w. */
    static Duration duration(String text) {
        var match = java.util.regex.Pattern.compile("(\\d{1,4})([mhdw])")
                .matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new UsageException("--expires-in takes a number and a unit: m, h, d or w (for example 30d).");
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown role '" + name + "'.");
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required.");
        }
        return value;
    }

    private String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password (at least 12 characters): ");
            return typed == null ? "" : new String(typed);
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UsageException("the password could not be read from standard input.");
        }
    }

    void redirect(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A mistake in how the command was called. */
    static class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
