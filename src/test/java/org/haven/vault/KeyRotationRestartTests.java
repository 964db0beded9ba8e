package org.haven.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.HavenProcess;
import org.haven.cases.People;
import org.haven.cases.PersonInput;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rotation interrupted by a restart: Haven stops after two small batches, starts again on the same
 * data, and the rotation resumes where it stopped until every value is under the new key.
 */
class KeyRotationRestartTests {

    @Test
    void aRotationInterruptedByARestartResumesAndCompletes() throws Exception {
        Path home = Files.createTempDirectory("haven-rotation");
        UUID organization;
        List<UUID> ids = new ArrayList<>();
        CurrentUser supervisor;
        long target;
        try (ConfigurableApplicationContext first = start(home)) {
            IdentityFixtures fixtures = new IdentityFixtures(first);
            organization = fixtures.organization("Rotating");
            supervisor = fixtures.actor(organization, Role.SUPERVISOR);
            People people = first.getBean(People.class);
            for (int i = 0; i < 4; i++) {
                ids.add(people.register(
                                supervisor,
                                new PersonInput("Rotated " + i, null, null, null, null, "0123456" + i, "Story " + i))
                        .id());
            }
            KeyRotation rotation = first.getBean(KeyRotation.class);
            target = rotation.start(organization);
            KeyRotation.Progress halfway = rotation.proceed(organization, 2, total -> {});
            assertThat(halfway.reencrypted()).isEqualTo(6);
            assertThat(halfway.remaining()).isEqualTo(6);
        }

        try (ConfigurableApplicationContext second = start(home)) {
            KeyRotation rotation = second.getBean(KeyRotation.class);
            assertThat(rotation.unfinished()).contains(organization);
            KeyRotation.Progress done = rotation.proceed(organization, Integer.MAX_VALUE, total -> {});
            assertThat(done.targetKeyId()).isEqualTo(target);
            assertThat(done.reencrypted()).isEqualTo(12);
            assertThat(done.remaining()).isZero();
            // As the database owner: the application's role sees people only within an organization scope.
            JdbcClient jdbc = JdbcClient.create(second.getBean("ownerDataSource", javax.sql.DataSource.class));
            assertThat(jdbc.sql("SELECT count(*) FROM person WHERE organization_id = ?"
                                    + " AND substring(phone from 2 for 4) = int4send(?::bigint::int)")
                            .params(organization, (int) target)
                            .query(Long.class)
                            .single())
                    .isEqualTo(4);
            People people = second.getBean(People.class);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(people.get(supervisor, ids.get(i)).narrative()).isEqualTo("Story " + i);
            }
        }
    }

    private static ConfigurableApplicationContext start(Path home) {
        return HavenProcess.start(home, "--haven.vault.rotation-batch=3");
    }
}
