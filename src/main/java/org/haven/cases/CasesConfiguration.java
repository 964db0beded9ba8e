package org.haven.cases;

import org.haven.vault.EncryptedColumns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The encrypted columns of this module, so key rotation re-encrypts them. */
@Configuration(proxyBeanMethods = false)
class CasesConfiguration {

    @Bean
    EncryptedColumns personColumns() {
        return new EncryptedColumns(People.TABLE, "id", "organization_id", People.ENCRYPTED);
    }
}
