package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code HAVEN_DATABASE_URL} Haven uses that PostgreSQL and never starts its own. The "external"
 * server here is a separate PostgreSQL process that this test starts in its own directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExternalDatabaseTests {

    static final Path SERVER_HOME = temporaryDirectory("external-postgres");
    static final Path HAVEN_HOME = temporaryDirectory("haven-external");
    static final EmbeddedDatabase SERVER = EmbeddedDatabase.startOrAttach(SERVER_HOME, false);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                SERVER.close();
            } catch (IOException ignored) {
                // the JVM is ending anyway
            }
        }));
    }

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        registry.add("haven.home", HAVEN_HOME::toString);
        registry.add("haven.database.url", SERVER::url);
        registry.add("haven.database.user", SERVER::user);
        registry.add("haven.database.password", SERVER::password);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseEndpoint endpoint;

    @Test
    void theConfiguredDatabaseIsUsedAndNoEmbeddedOneIsStarted() {
        assertThat(endpoint.url()).isEqualTo(SERVER.url());
        assertThat(HAVEN_HOME.resolve("postgres")).doesNotExist();
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(endpoint.toString()).doesNotContain(SERVER.password());
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
