package org.haven.vault;

import java.nio.file.Path;
import org.haven.platform.HavenProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key encryption key: the master key file unless a KMS implementation is configured later. */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    @Bean
    KeyEncryptionKey keyEncryptionKey(
            HavenProperties properties,
            @Value("${haven.master-key-file:}") String masterKeyFile,
            @Value("${haven.master-key-explicit:false}") boolean explicit) {
        Path file = masterKeyFile.isBlank() ? properties.home().resolve("master-key.json") : Path.of(masterKeyFile);
        return MasterKey.load(file, explicit);
    }
}
