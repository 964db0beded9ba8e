package org.haven.identity;

import java.util.List;
import org.haven.vault.SecretBoxColumns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Second-factor seeds are sealed under the master key; a master-key rotation re-seals them. */
@Configuration(proxyBeanMethods = false)
class SealedColumns {

    @Bean
    SecretBoxColumns totpSeeds() {
        return new SecretBoxColumns(SecondFactors.TABLE, "id", List.of(SecondFactors.COLUMN));
    }
}
