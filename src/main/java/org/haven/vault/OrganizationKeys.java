package org.haven.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organizations' keysets: created on first use, stored wrapped by the {@link KeyEncryptionKey},
 * unwrapped into memory and cached briefly. The cache lifetime bounds how long another node keeps
 * using a rotated-away primary key or a destroyed keyset; a node that meets a ciphertext under a key
 * it does not know reloads at once.
 */
@Component
class OrganizationKeys {

    /** The installation's own keysets (audit signing, events of no organization). */
    static final UUID INSTALLATION = new UUID(0, 0);

    static final Duration CACHE_LIFETIME = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final KeyEncryptionKey kek;
    private final Clock clock;
    private final TransactionTemplate separately;
    private final Map<Slot, Loaded> cache = new ConcurrentHashMap<>();

    OrganizationKeys(
            JdbcClient jdbc,
            KeyEncryptionKey kek,
            Clock clock,
            PlatformTransactionManager transactions,
            VaultCheck check) {
        check.verify();
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kek = kek;
        this.clock = clock;
        try {
            AeadConfig.register();
            MacConfig.register();
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not be initialized", e);
        }
    }

    record Slot(UUID organization, KeyPurpose purpose) {}

    /** A keyset as loaded, with the primitives derived from it, which are costly to rebuild per call. */
    record Loaded(KeysetHandle handle, int version, Instant loadedAt, Map<Class<?>, Object> primitives) {
        <P> P primitive(Class<P> type, Function<KeysetHandle, P> create) {
            return type.cast(primitives.computeIfAbsent(type, t -> create.apply(handle)));
        }
    }

    Loaded keys(UUID organization, KeyPurpose purpose) {
        Slot slot = new Slot(Objects.requireNonNull(organization, "organization"), purpose);
        Loaded cached = cache.get(slot);
        if (cached != null && cached.loadedAt().plus(CACHE_LIFETIME).isAfter(clock.instant())) {
            return cached;
        }
        return reload(organization, purpose);
    }

    Loaded reload(UUID organization, KeyPurpose purpose) {
        Slot slot = new Slot(organization, purpose);
        Loaded loaded = read(slot);
        if (loaded == null) {
            // In a transaction of its own: if the caller's transaction rolled back after data was
            // encrypted under a cached new keyset elsewhere, that data would become unreadable.
            separately.executeWithoutResult(status -> create(slot));
            loaded = read(slot);
        }
        cache.put(slot, loaded);
        return loaded;
    }

    /** Replaces a keyset if nobody else changed it since {@code expectedVersion}; false otherwise. */
    boolean replace(UUID organization, KeyPurpose purpose, KeysetHandle handle, int expectedVersion) {
        int updated = jdbc.sql("""
                        UPDATE vault_keyset SET wrapped = :wrapped, primary_key_id = :primary, version = version + 1,
                               rotated_at = now()
                        WHERE organization_id = :org AND purpose = :purpose AND version = :version
                          AND destroyed_at IS NULL
                        """)
                .param("wrapped", wrap(handle, new Slot(organization, purpose)))
                .param("primary", primaryId(handle))
                .param("org", organization)
                .param("purpose", purpose.name())
                .param("version", expectedVersion)
                .update();
        cache.remove(new Slot(organization, purpose));
        return updated == 1;
    }

    /** Destroys every keyset of an organization. Returns how many were destroyed. */
    int destroy(UUID organization) {
        int destroyed = jdbc.sql("""
                        UPDATE vault_keyset SET wrapped = NULL, destroyed_at = now(), version = version + 1
                        WHERE organization_id = :org AND destroyed_at IS NULL
                        """).param("org", organization).update();
        // Keysets never used yet are marked destroyed too, so later use cannot create fresh ones.
        for (KeyPurpose purpose : new KeyPurpose[] {KeyPurpose.FIELDS, KeyPurpose.INDEX}) {
            jdbc.sql("""
                            INSERT INTO vault_keyset (organization_id, purpose, wrapped, primary_key_id, destroyed_at)
                            VALUES (:org, :purpose, NULL, NULL, now()) ON CONFLICT DO NOTHING
                            """)
                    .param("org", organization)
                    .param("purpose", purpose.name())
                    .update();
        }
        cache.keySet().removeIf(slot -> slot.organization().equals(organization));
        return destroyed;
    }

    boolean destroyed(UUID organization) {
        return jdbc.sql("SELECT count(*) FROM vault_keyset WHERE organization_id = ? AND destroyed_at IS NOT NULL")
                        .param(organization)
                        .query(Long.class)
                        .single()
                > 0;
    }

    static long primaryId(KeysetHandle handle) {
        return Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    private Loaded read(Slot slot) {
        return jdbc.sql("""
                        SELECT wrapped, version, destroyed_at FROM vault_keyset
                        WHERE organization_id = :org AND purpose = :purpose
                        """)
                .param("org", slot.organization())
                .param("purpose", slot.purpose().name())
                .query((rs, n) -> {
                    if (rs.getTimestamp("destroyed_at") != null) {
                        throw new KeysDestroyedException(slot.organization());
                    }
                    return new Loaded(
                            unwrap(rs.getBytes("wrapped"), slot),
                            rs.getInt("version"),
                            clock.instant(),
                            new ConcurrentHashMap<>());
                })
                .optional()
                .orElse(null);
    }

    private void create(Slot slot) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(parameters(slot.purpose()));
            jdbc.sql("""
                            INSERT INTO vault_keyset (organization_id, purpose, wrapped, primary_key_id)
                            VALUES (:org, :purpose, :wrapped, :primary) ON CONFLICT DO NOTHING
                            """)
                    .param("org", slot.organization())
                    .param("purpose", slot.purpose().name())
                    .param("wrapped", wrap(handle, slot))
                    .param("primary", primaryId(handle))
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A keyset could not be generated", e);
        }
    }

    static Parameters parameters(KeyPurpose purpose) throws GeneralSecurityException {
        return switch (purpose) {
            case FIELDS -> PredefinedAeadParameters.AES256_GCM;
            case INDEX ->
                HmacParameters.builder()
                        .setKeySizeBytes(32)
                        .setTagSizeBytes(32)
                        .setHashType(HmacParameters.HashType.SHA256)
                        .setVariant(HmacParameters.Variant.NO_PREFIX)
                        .build();
            case SIGNING -> Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
        };
    }

    private byte[] wrap(KeysetHandle handle, Slot slot) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek.aead(), associatedData(slot));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A keyset could not be wrapped", e);
        }
    }

    private KeysetHandle unwrap(byte[] wrapped, Slot slot) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek.aead(), associatedData(slot));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The " + slot.purpose() + " keyset of organization " + slot.organization()
                            + " could not be unwrapped",
                    e);
        }
    }

    private static byte[] associatedData(Slot slot) {
        return ("haven-keyset|" + slot.organization() + "|" + slot.purpose()).getBytes(StandardCharsets.UTF_8);
    }
}
