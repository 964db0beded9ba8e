package org.haven.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseEndpoint endpoint) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("haven");
        dataSource.setJdbcUrl(endpoint.url());
        dataSource.setUsername(endpoint.user());
        dataSource.setPassword(endpoint.password());
        dataSource.setMaximumPoolSize(20);
        dataSource.setConnectionTimeout(10_000);
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
