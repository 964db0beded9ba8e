package org.haven.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring Security's passkey store, telling the audit trail when a passkey is added. (Spring also
 * saves a known credential after each use, to update its counter; only a new one is an addition.)
 */
final class AuditedPasskeyCredentials implements UserCredentialRepository {

    private final JdbcUserCredentialRepository store;
    private final JdbcOperations jdbc;
    private final StaffUsers users;
    private final IdentityEvents events;

    AuditedPasskeyCredentials(JdbcOperations jdbc, StaffUsers users, IdentityEvents events) {
        this.store = new JdbcUserCredentialRepository(jdbc);
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    @Override
    public void save(CredentialRecord record) {
        boolean added = store.findByCredentialId(record.getCredentialId()) == null;
        store.save(record);
        if (added) {
            List<String> names = jdbc.queryForList(
                    "SELECT name FROM user_entities WHERE id = ?",
                    String.class,
                    record.getUserEntityUserId().toBase64UrlString());
            names.stream()
                    .findFirst()
                    .flatMap(name -> users.findById(UUID.fromString(name)))
                    .ifPresent(user -> events.account(
                            IdentityEvent.Kind.PASSKEY_ADDED, user.organizationId(), user.id(), user.id()));
        }
    }

    @Override
    public void delete(Bytes credentialId) {
        store.delete(credentialId);
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return store.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return store.findByUserId(userId);
    }
}
