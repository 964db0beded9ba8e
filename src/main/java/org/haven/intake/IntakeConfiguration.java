package org.haven.intake;

import java.time.Clock;
import java.util.List;
import org.haven.intake.abuse.JdbcSpentTokens;
import org.haven.vault.EncryptedColumns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The encrypted columns of intake, so key rotation re-encrypts them; the spent-token store of all nodes. */
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

    /** Challenges and wait tokens already used, in the database every node shares. */
    @Bean
    JdbcSpentTokens spentTokens(JdbcClient jdbc, Clock clock) {
        return new JdbcSpentTokens(jdbc, clock);
    }
}
