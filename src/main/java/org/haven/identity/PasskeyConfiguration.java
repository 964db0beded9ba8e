package org.haven.identity;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.haven.platform.HavenProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Passkeys (WebAuthn) as a passwordless sign-in that counts as both factors: the authenticator proves
 * possession and verifies the person (PIN or biometrics, required). Credentials live in PostgreSQL.
 * The relying party is the host of {@code HAVEN_PUBLIC_URL}, or localhost with the actual port.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    /** The web origins passkeys are accepted from; filled once the server knows its port. */
    static final class Origins {
        final Set<String> values = new CopyOnWriteArraySet<>();
        final String rpId;

        Origins(HavenProperties properties) {
            if (properties.publicUrl().isBlank()) {
                rpId = "localhost";
            } else {
                URI uri = URI.create(properties.publicUrl());
                rpId = uri.getHost();
                values.add(uri.getScheme() + "://" + uri.getAuthority());
            }
        }

        @EventListener
        void serverStarted(WebServerInitializedEvent event) {
            if (rpId.equals("localhost")) {
                int port = event.getWebServer().getPort();
                values.add("http://localhost:" + port);
                if (port == 80) {
                    values.add("http://localhost");
                }
            }
        }
    }

    @Bean
    Origins passkeyOrigins(HavenProperties properties) {
        return new Origins(properties);
    }

    @Bean
    JdbcPublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, StaffUsers users, IdentityEvents events) {
        return new AuditedPasskeyCredentials(jdbc, users, events);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingParty(
            JdbcPublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            Origins origins) {
        var rp = PublicKeyCredentialRpEntity.builder()
                .id(origins.rpId)
                .name("Haven")
                .build();
        var operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials, rp, origins.values);
        operations.setCustomizeCreationOptions(
                options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .build()));
        operations.setCustomizeRequestOptions(
                options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }

    /**
     * The accounts passkeys sign in to, by user id. Only WebAuthn uses it: password sign-in has its own
     * provider, and the password here is a value no encoder accepts.
     */
    @Bean
    UserDetailsService passkeyAccounts(StaffUsers users) {
        return name -> {
            java.util.UUID id;
            try {
                id = java.util.UUID.fromString(name);
            } catch (IllegalArgumentException e) {
                throw new UsernameNotFoundException("unknown");
            }
            StaffUser user = users.findById(id).orElseThrow(() -> new UsernameNotFoundException("unknown"));
            return User.withUsername(user.id().toString())
                    .password("{unusable}")
                    .disabled(!user.active())
                    .authorities("PASSKEY")
                    .build();
        };
    }
}
