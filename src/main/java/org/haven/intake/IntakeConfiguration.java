package org.haven.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.haven.intake.abuse.JdbcSpentTokens;
import org.haven.platform.Share;
import org.haven.vault.EncryptedColumns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The encrypted columns of intake, so key rotation re-encrypts them; the spent-token store of all nodes;
 * the public pages' share of the server.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    EncryptedColumns reportColumns() {
        return new EncryptedColumns(Reports.TABLE, "id", "organization_id", List.of("content", "case_note"));
    }

    @Bean
    EncryptedColumns incidentColumns() {
        return new EncryptedColumns(
                Incidents.TABLE,
                "id",
                "organization_id",
                List.of("establishment", "address", "coordinates", "summary"));
    }

    @Bean
    EncryptedColumns perpetratorColumns() {
        return new EncryptedColumns(Incidents.PERPETRATORS, "id", "organization_id", List.of("details"));
    }

    @Bean
    EncryptedColumns reportMessageColumns() {
        return new EncryptedColumns(Reports.MESSAGES, "id", "organization_id", List.of("body"));
    }

    /**
     * The public pages' share of the server (decision 35): by default twice the processors at once,
     * the others waiting up to ten seconds. Runs before the security filters, so waiting costs nothing.
     */
    @Bean
    FilterRegistrationBean<PublicShare> publicShare(
            @Value("${haven.intake.public-concurrency:0}") int concurrency,
            @Value("${haven.intake.public-wait:10s}") Duration wait,
            LocaleResolver localeResolver,
            MessageSource messages) {
        FilterRegistrationBean<PublicShare> registration = new FilterRegistrationBean<>(
                new PublicShare(Share.orTwiceTheProcessors(concurrency), wait, localeResolver, messages));
        registration.addUrlPatterns("/report", "/report/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Challenges and wait tokens already used, in the database every node shares. */
    @Bean
    JdbcSpentTokens spentTokens(JdbcClient jdbc, Clock clock) {
        return new JdbcSpentTokens(jdbc, clock);
    }
}
