package org.haven.intake.routing;

import java.util.List;
import org.haven.vault.EncryptedColumns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The encrypted columns of routing, so key rotation re-encrypts them. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    EncryptedColumns partnerColumns() {
        return new EncryptedColumns(Partners.TABLE, "id", "organization_id", List.of("contact"));
    }

    @Bean
    EncryptedColumns routingColumns() {
        return new EncryptedColumns(Routings.TABLE, "id", "organization_id", List.of("summary", "outcome_note"));
    }

    @Bean
    EncryptedColumns partnerReferralColumns() {
        return new EncryptedColumns(Routings.REFERRALS, "id", "organization_id", List.of("summary", "outcome_note"));
    }
}
