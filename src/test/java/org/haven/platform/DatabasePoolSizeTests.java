package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's pool: twice the processors and at least four unless configured (decision 49). */
@HavenTest
class DatabasePoolSizeTests {

    private static HavenProperties.Database configured(int poolSize) {
        return new HavenProperties.Database("", "", "", true, "", "", poolSize, Duration.ofSeconds(10));
    }

    @Test
    void unsetTheSizeFollowsTheProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(configured(0).connections()).isEqualTo(Math.max(4, 2 * processors));
        assertThat(configured(0).connections()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aConfiguredSizeIsKept() {
        assertThat(configured(1).connections()).isEqualTo(1);
        assertThat(configured(40).connections()).isEqualTo(40);
    }

    @Test
    void theRunningApplicationUsesIt(@Autowired DataSource dataSource, @Autowired HavenProperties properties) {
        assertThat(properties.database().poolSize()).isZero();
        assertThat(((HikariDataSource) dataSource).getMaximumPoolSize())
                .isEqualTo(properties.database().connections())
                .isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }
}
