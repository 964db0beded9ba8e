package org.haven.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Chooses the database: the external PostgreSQL in {@code HAVEN_DATABASE_URL}, or the embedded one.
 * The pool depends on the endpoint, so on shutdown Spring closes the pool before it stops the
 * embedded database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HavenProperties.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(HavenProperties properties) {
        HavenProperties.Database database = properties.database();
        if (database.external()) {
            return new ExternalDatabase(database.url(), database.user(), database.password());
        }
        return EmbeddedDatabase.startOrAttach(properties.home(), database.durable());
    }

    @Bean
    ApplicationRole applicationRole(DatabaseEndpoint endpoint, HavenProperties properties) {
        return ApplicationRole.of(
                endpoint, properties.database().appUser(), properties.database().appPassword());
    }

    /** The owner's connections: migrations, then setting up the application role. Closed when idle. */
    @Bean(destroyMethod = "close")
    @FlywayDataSource
    HikariDataSource ownerDataSource(DatabaseEndpoint endpoint) {
        HikariDataSource dataSource = pool("haven-owner", endpoint.url(), endpoint.user(), endpoint.password());
        dataSource.setMaximumPoolSize(2);
        dataSource.setMinimumIdle(0);
        dataSource.setIdleTimeout(30_000);
        return dataSource;
    }

    /** Migrates as the owner, then (re)grants the application role what the new schema allows it. */
    @Bean
    FlywayMigrationStrategy migrateThenGrant(ApplicationRole role) {
        return flyway -> {
            flyway.migrate();
            role.apply(flyway.getConfiguration().getDataSource());
        };
    }

    /** The application's connections, as the unprivileged application role. */
    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseEndpoint endpoint, ApplicationRole role, HavenProperties properties) {
        // Handed out in order of asking (decision 50): few connections (decision 49), many requests.
        HikariDataSource dataSource = configure(
                new FairConnectionPool(properties.database().connections()),
                "haven",
                endpoint.url(),
                role.name(),
                role.password());
        dataSource.setConnectionTimeout(properties.database().connectionWait().toMillis());
        return dataSource;
    }

    private static HikariDataSource pool(String name, String url, String user, String password) {
        return configure(new HikariDataSource(), name, url, user, password);
    }

    static HikariDataSource configure(
            HikariDataSource dataSource, String name, String url, String user, String password) {
        dataSource.setPoolName(name);
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setConnectionTimeout(10_000);
        dataSource.addDataSourceProperty("ApplicationName", DatabaseApplicationName.VALUE);
        return dataSource;
    }

    /** A database Haven does not own: closing it does nothing. */
    record ExternalDatabase(String url, String user, String password) implements DatabaseEndpoint, Closeable {
        @Override
        public void close() {}

        @Override
        public String toString() {
            return "ExternalDatabase[url=" + DatabaseUrls.redact(url) + ", user=" + user + ", password=<masked>]";
        }
    }
}
