package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.haven.HavenApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Shutting down closes the connection pool first, then stops the embedded database. */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

    @TempDir
    Path home;

    @Test
    void thePoolClosesBeforeTheEmbeddedDatabaseStops(CapturedOutput output) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HavenApplication.class)
                .run(
                        "--haven.home=" + home,
                        "--haven.database.durable=false",
                        "--server.port=0",
                        "--logging.level.com.zaxxer.hikari=INFO",
                        "--logging.level.org.haven=INFO");
        HikariDataSource pool = context.getBean(HikariDataSource.class);
        assertThat(Files.exists(home.resolve("postgres/postmaster.pid"))).isTrue();

        context.close();

        assertThat(pool.isClosed()).isTrue();
        assertThat(home.resolve("postgres/postmaster.pid")).doesNotExist();
        String log = output.getAll();
        int poolClosed = log.indexOf("haven - Shutdown completed");
        int databaseStopped = log.indexOf("Stopping the embedded database");
        assertThat(poolClosed).isPositive();
        assertThat(databaseStopped).isGreaterThan(poolClosed);
    }
}
