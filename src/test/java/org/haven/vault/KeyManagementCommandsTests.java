package org.haven.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.cases.People;
import org.haven.cases.PersonInput;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.AdminCommand;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./haven admin rotate-keys} and {@code erase-organization}, end to end on people's records. */
@HavenTest
class KeyManagementCommandsTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    KeyRotation rotation;

    @Autowired
    OrganizationErasure erasure;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    record Result(int exit, String out, String err) {}

    @Test
    void rotationReencryptsEveryValueUnderTheNewKeyAndEverythingStaysReadable() {
        CurrentUser supervisor = supervisor();
        List<UUID> ids = register(supervisor, 3);
        long before = distinctKeyIds(supervisor.organizationId()).get(0);

        Result result = run(
                new VaultCommands().rotateKeysCommand(rotation, jdbc), "", "organization", supervisor.organizationId());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("values re-encrypted").contains(", 0 left.");
        List<Long> after = distinctKeyIds(supervisor.organizationId());
        assertThat(after).hasSize(1).doesNotContain(before);
        for (UUID id : ids) {
            assertThat(people.get(supervisor, id).narrative()).startsWith("Narrative of person");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'KEYS_ROTATED' AND record_id = ?")
                        .param(supervisor.organizationId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void erasureNeedsTheIdTypedAgainThenNothingOfTheOrganizationCanBeRead() {
        CurrentUser supervisor = supervisor();
        UUID id = register(supervisor, 1).get(0);
        AdminCommand erase = new VaultCommands().eraseOrganizationCommand(erasure);

        Result refused = run(erase, "something else\n", "organization", supervisor.organizationId());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing was erased");
        assertThat(people.get(supervisor, id).name()).isNotNull();

        Result erased = run(erase, supervisor.organizationId() + "\n", "organization", supervisor.organizationId());
        assertThat(erased.exit()).isZero();
        assertThat(erased.out()).contains("Erased");
        assertThatThrownBy(() -> people.get(supervisor, id))
                .isInstanceOf(Refusal.class)
                .hasMessage("person.notFound");
        assertThat(run(erase, "", "organization", supervisor.organizationId()).exit())
                .as("a second erasure")
                .isEqualTo(1);
    }

    private CurrentUser supervisor() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        return fixtures.actor(fixtures.organization("Keys"), Role.SUPERVISOR);
    }

    private List<UUID> register(CurrentUser actor, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(people.register(
                            actor,
                            new PersonInput(
                                    "Person " + i,
                                    "បុគ្គល " + i,
                                    List.of("Alias " + i),
                                    "FEMALE",
                                    "2010-01-0" + (i + 1),
                                    "012 345 67" + i,
                                    "Narrative of person " + i))
                    .id());
        }
        return ids;
    }

    private List<Long> distinctKeyIds(UUID organization) {
        // As the database owner: the application's role sees people only within an organization scope.
        JdbcClient owner = JdbcClient.create(context.getBean("ownerDataSource", javax.sql.DataSource.class));
        return owner
                .sql("SELECT DISTINCT substring(narrative from 2 for 4) FROM person WHERE organization_id = ?")
                .param(organization)
                .query(byte[].class)
                .list()
                .stream()
                .map(bytes -> Long.parseLong(HexFormat.of().formatHex(bytes), 16))
                .toList();
    }

    private static Result run(AdminCommand command, String stdin, String option, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = command.run(
                    Map.of(option, value.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(original);
        }
    }
}
