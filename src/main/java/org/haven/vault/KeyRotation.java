package org.haven.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.haven.platform.OrganizationScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation: a new primary AES-256-GCM key for an organization, then re-encryption of every
 * {@link EncryptedColumns} in batches. The state lives in {@code vault_rotation}, so a rotation
 * interrupted by a restart resumes where it stopped (any node, on a schedule, or the operator's
 * command). Each row is rewritten only if it still holds the ciphertext that was read, so a person
 * editing the record at the same moment is never overwritten. Old keys stay in the keyset: append-only
 * audit details remain under them.
 */
@Component
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /** Progress of one organization's rotation. */
    public record Progress(UUID organizationId, long targetKeyId, long reencrypted, long remaining, boolean finished) {}

    private final OrganizationKeys keys;
    private final FieldCipher cipher;
    private final List<Column> columns;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int batchSize;

    KeyRotation(
            OrganizationKeys keys,
            FieldCipher cipher,
            List<EncryptedColumns> declared,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${haven.vault.rotation-batch:500}") int batchSize) {
        this.keys = keys;
        this.cipher = cipher;
        this.columns = declared.stream()
                .flatMap(d -> d.columns().stream()
                        .map(name -> new Column(d.table(), d.idColumn(), d.organizationColumn(), name)))
                .toList();
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Starts a rotation: a new primary key now; re-encryption follows. Returns the new key's id. */
    public long start(UUID organization) {
        return transactions.execute(status -> {
            OrganizationKeys.Loaded current = keys.reload(organization, KeyPurpose.FIELDS);
            KeysetHandle rotated;
            try {
                rotated = KeysetHandle.newBuilder(current.handle())
                        .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                                .withRandomId()
                                .makePrimary())
                        .build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A new key could not be generated", e);
            }
            if (!keys.replace(organization, KeyPurpose.FIELDS, rotated, current.version())) {
                throw new IllegalStateException("The keys changed during rotation; try again");
            }
            long target = OrganizationKeys.primaryId(rotated);
            jdbc.sql("""
                            INSERT INTO vault_rotation (organization_id, target_key_id, started_at)
                            VALUES (:org, :target, :now)
                            ON CONFLICT (organization_id) DO UPDATE
                            SET target_key_id = :target, started_at = :now, finished_at = NULL, reencrypted = 0
                            """)
                    .param("org", organization)
                    .param("target", target)
                    .param("now", java.sql.Timestamp.from(clock.instant()))
                    .update();
            events.publishEvent(new VaultEvent(VaultEvent.Kind.KEYS_ROTATED, organization, target));
            return target;
        });
    }

    /**
     * Re-encrypts until done or until {@code maxBatches} batches ran; reports the running total after
     * each batch.
     */
    public Progress proceed(UUID organization, int maxBatches, LongConsumer afterBatch) {
        Long target = jdbc.sql(
                        "SELECT target_key_id FROM vault_rotation WHERE organization_id = ? AND finished_at IS NULL")
                .param(organization)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (target == null) {
            return progress(organization);
        }
        // The running total is counted here: counting what remains means reading every row again.
        long total = jdbc.sql("SELECT reencrypted FROM vault_rotation WHERE organization_id = ?")
                .param(organization)
                .query(Long.class)
                .single();
        for (int batch = 0; batch < maxBatches; batch++) {
            Integer done = transactions.execute(status -> reencryptBatch(organization, target));
            if (done == null || done == 0) {
                if (remaining(organization, target) == 0) {
                    finishIfSettled(organization);
                }
                break;
            }
            total += done;
            afterBatch.accept(total);
        }
        return progress(organization);
    }

    /** Where a rotation stands. */
    public Progress progress(UUID organization) {
        Map<String, Object> row = jdbc
                .sql("SELECT target_key_id, reencrypted, finished_at FROM vault_rotation WHERE organization_id = ?")
                .param(organization)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        if (row == null) {
            return new Progress(organization, 0, 0, 0, true);
        }
        long target = ((Number) row.get("target_key_id")).longValue();
        return new Progress(
                organization,
                target,
                ((Number) row.get("reencrypted")).longValue(),
                remaining(organization, target),
                row.get("finished_at") != null);
    }

    /** Organizations with a rotation still running. */
    public List<UUID> unfinished() {
        return jdbc.sql("SELECT organization_id FROM vault_rotation WHERE finished_at IS NULL")
                .query(UUID.class)
                .list();
    }

    /** Resumes interrupted rotations, whichever node restarted. */
    @Scheduled(
            initialDelayString = "${haven.vault.rotation-every:10s}",
            fixedDelayString = "${haven.vault.rotation-every:10s}")
    void resume() {
        for (UUID organization : unfinished()) {
            try {
                proceed(organization, 20, total -> {});
            } catch (RuntimeException e) {
                log.warn(
                        "Key rotation of an organization could not proceed: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

    private int reencryptBatch(UUID organization, long target) {
        OrganizationScope.enter(jdbc, organization);
        int done = 0;
        for (Column column : columns) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT " + column.idColumn() + " AS id, " + column.column()
                            + " AS value FROM " + column.table() + " WHERE " + column.organizationColumn()
                            + " = ? AND " + column.column() + " IS NOT NULL AND substring(" + column.column()
                            + " from 2 for 4) <> ? LIMIT ?")
                    .params(organization, keyIdBytes(target), batchSize - done)
                    .query()
                    .listOfRows();
            for (Map<String, Object> row : rows) {
                UUID id = (UUID) row.get("id");
                byte[] old = (byte[]) row.get("value");
                Cell cell = new Cell(column.table(), column.column(), id);
                byte[] fresh = cipher.sealBytes(organization, cell, cipher.openBytes(organization, cell, old));
                done += jdbc.sql("UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE "
                                + column.idColumn() + " = ? AND " + column.column() + " = ?")
                        .params(fresh, id, old)
                        .update();
            }
            if (done >= batchSize) {
                break;
            }
        }
        if (done > 0) {
            jdbc.sql("UPDATE vault_rotation SET reencrypted = reencrypted + ? WHERE organization_id = ?")
                    .params(done, organization)
                    .update();
        }
        return done;
    }

    private long remaining(UUID organization, long target) {
        Long counted = transactions.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            return count(organization, target);
        });
        return counted == null ? 0 : counted;
    }

    private long count(UUID organization, long target) {
        long remaining = 0;
        for (Column column : columns) {
            remaining += jdbc.sql("SELECT count(*) FROM " + column.table() + " WHERE " + column.organizationColumn()
                            + " = ? AND " + column.column() + " IS NOT NULL AND substring(" + column.column()
                            + " from 2 for 4) <> ?")
                    .params(organization, keyIdBytes(target))
                    .query(Long.class)
                    .single();
        }
        return remaining;
    }

    /**
     * Finishes once nothing is left and every node has had time to drop the old primary from its
     * cache; a node still writing under it until then leaves rows the next pass picks up.
     */
    private void finishIfSettled(UUID organization) {
        Instant settled = clock.instant().minus(OrganizationKeys.CACHE_LIFETIME);
        jdbc.sql("UPDATE vault_rotation SET finished_at = now() WHERE organization_id = ? AND finished_at IS NULL"
                        + " AND started_at < ?")
                .params(organization, java.sql.Timestamp.from(settled))
                .update();
    }

    private record Column(String table, String idColumn, String organizationColumn, String column) {}

    private static byte[] keyIdBytes(long keyId) {
        return new byte[] {(byte) (keyId >>> 24), (byte) (keyId >>> 16), (byte) (keyId >>> 8), (byte) keyId};
    }
}
