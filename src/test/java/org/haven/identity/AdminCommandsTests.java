package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * The operator commands, run in-process against the same database the server uses, then checked
 * through the server's API as the acceptance criteria describe.
 */
@HavenTest
class AdminCommandsTests {

    @LocalServerPort
    int port;

    @Autowired
    Organizations organizations;

    @Autowired
    UserAdministration administration;

    @Autowired
    StaffUsers users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MessageSource messages;

    record Result(int exit, String out, String err) {}

    final java.util.List<java.util.Map<String, String>> received = new java.util.ArrayList<>();

    /** A module's command, recording what the dispatcher hands it. */
    final org.haven.platform.AdminCommand recorder = new org.haven.platform.AdminCommand() {
        @Override
        public String name() {
            return "audit verify";
        }

        @Override
        public String usage() {
            return "  audit verify (recording)";
        }

        @Override
        public int run(java.util.Map<String, String> options, PrintStream out, PrintStream err) {
            received.add(options);
            return 0;
        }
    };

    Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AdminCommands commands =
                new AdminCommands(organizations, administration, users, tokens, messages, java.util.List.of(recorder));
        commands.redirect(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = commands.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void modulesCommandsAreListedAndGetTheirOptionsAndAPositionalArgument() {
        assertThat(run("", "help").out()).contains("  audit verify (recording)");
        assertThat(run("", "audit", "verify", "1234", "--from", "2026-01-01").exit())
                .isZero();
        assertThat(received).containsExactly(java.util.Map.of("argument", "1234", "from", "2026-01-01"));
        assertThat(run("", "audit", "verify", "--from").exit())
                .as("an option without value")
                .isEqualTo(2);
    }

    @Test
    void organizationUserAndTokenFromTheCommandLineWorkOnTheApi() {
        String name = "CLI Org " + IdentityFixtures.unique();
        Result organization = run("", "create-organization", "--name", name);
        assertThat(organization.exit()).isZero();
        assertThat(organization.out().strip()).matches("[0-9a-f-]{36}");

        String email = "cli-" + IdentityFixtures.unique() + "@test.example";
        Result user = run(
                "a sturdy cli password\n",
                "create-user",
                "--organization",
                name,
                "--email",
                email,
                "--name",
                "Cli Person",
                "--role",
                "supervisor");
        assertThat(user.exit()).as(user.err()).isZero();

        Result token = run("", "create-token", "--email", email, "--name", "ci", "--expires-in", "1d");
        assertThat(token.exit()).isZero();
        assertThat(token.out()).matches("hvn_[A-Za-z0-9_-]{43}\\n");

        HttpResponse<String> me =
                new ApiClient(port).get("/api/v1/me", token.out().strip());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(email, "\"role\":\"SUPERVISOR\"", name);

        Result list = run("", "list-users", "--organization", organization.out().strip());
        assertThat(list.out()).contains(email, "SUPERVISOR", "ACTIVE");
    }

    @Test
    void mistakesAreExplainedInOneLineWithAnExitCode() {
        assertThat(run("", "create-organization").err()).isEqualTo("haven admin: --name is required.\n");
        assertThat(run("", "create-organization").exit()).isEqualTo(2);
        assertThat(run("", "frobnicate").exit()).isEqualTo(2);

        String name = "Dup Org " + IdentityFixtures.unique();
        run("", "create-organization", "--name", name);
        Result duplicate = run("", "create-organization", "--name", name.toUpperCase());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).isEqualTo("haven admin: An organization with this name already exists.\n");

        Result weak = run(
                "123qweasdzxc\n",
                "create-user",
                "--organization",
                name,
                "--email",
                "weak-" + IdentityFixtures.unique() + "@test.example",
                "--name",
                "Weak",
                "--role",
                "CASEWORKER");
        assertThat(weak.exit()).isEqualTo(1);
        assertThat(weak.err()).contains("too common");

        Result role = run(
                "x\n",
                "create-user",
                "--organization",
                name,
                "--email",
                "r@test.example",
                "--name",
                "R",
                "--role",
                "KING");
        assertThat(role.err()).isEqualTo("haven admin: unknown role 'KING'.\n");

        Result unknown = run(
                "", "create-token", "--email", "nobody-" + IdentityFixtures.unique() + "@test.example", "--name", "x");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(run("", "create-token", "--email", "x@y.z", "--name", "x", "--expires-in", "forever")
                        .err())
                .contains("--expires-in takes a number and a unit");
    }

    @Test
    void helpListsTheCommands() {
        Result help = run("", "help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("create-organization", "create-user", "create-token", "list-users");
    }
}
