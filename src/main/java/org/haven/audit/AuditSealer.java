package org.haven.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.haven.platform.CopyRows;
import org.haven.vault.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains the audit trail. Writers only insert; this sealer — one at a time in the whole cluster,
 * under a PostgreSQL advisory lock — takes the events of transactions that have all ended (transaction
 * id below the oldest one still running, {@code pg_snapshot_xmin}), orders them by (transaction id,
 * sequence) and appends their digests to the chain. No earlier event can appear after that, so a
 * long transaction only delays sealing, never reorders it. A signed checkpoint of the chain head
 * follows at least every {@code haven.audit.checkpoint-interval} while there is activity.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    static final long LOCK = 0x4861_7665_6e41_7564L; // "HavenAud"
    static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Signatures signatures;
    private final Clock clock;
    private final Duration checkpointInterval;

    AuditSealer(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Signatures signatures,
            Clock clock,
            @Value("${haven.audit.checkpoint-interval:60s}") Duration checkpointInterval) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signatures = signatures;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
    }

    /** The signing key is made at installation, so its public key can be published before any audit. */
    @EventListener(ApplicationReadyEvent.class)
    void ensureSigningKey() {
        signatures.publicKey();
    }

    @Scheduled(initialDelayString = "${haven.audit.seal-every:1s}", fixedDelayString = "${haven.audit.seal-every:1s}")
    void scheduled() {
        try {
            seal(false);
            checkpointIfDue();
        } catch (RuntimeException e) {
            log.warn(
                    "Sealing the audit trail failed; it will be retried: {}",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Seals every event of transactions finished by now, waiting for a sealer running elsewhere to
     * finish first; returns how many this call sealed.
     */
    public long seal() {
        return seal(true);
    }

    private long seal(boolean wait) {
        long total = 0;
        int sealed;
        do {
            Integer batch = transactions.execute(status -> sealBatch(wait));
            sealed = batch == null ? 0 : batch;
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    /**
     * Signs the chain head now if it moved since the last checkpoint, waiting for a sealer running
     * elsewhere to finish first; returns whether it signed.
     */
    public boolean checkpoint() {
        return Boolean.TRUE.equals(transactions.execute(status -> signHead(true)));
    }

    void checkpointIfDue() {
        transactions.execute(status -> signHead(false));
    }

    private int sealBatch(boolean wait) {
        if (!lock(wait)) {
            return 0;
        }
        Head head = head();
        List<StoredEvent> events = jdbc.query("""
                SELECT * FROM audit_event
                WHERE (xid, seq) > (?, ?) AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY xid, seq LIMIT ?
                """, (rs, n) -> read(rs), head.xid, head.seq, BATCH);
        if (events.isEmpty()) {
            return 0;
        }
        // One COPY for the batch: as single-row INSERTs, the seals cost PostgreSQL more than the
        // events they seal (a statement each), under a flood of reports and during a generation.
        CopyRows seals = CopyRows.into("audit_seal")
                .column("position", "bigint")
                .column("event_id", "uuid")
                .column("xid", "bigint")
                .column("seq", "bigint")
                .column("digest", "bytea")
                .column("chain", "bytea");
        byte[] chain = head.chain;
        long position = head.position;
        for (StoredEvent event : events) {
            byte[] digest = event.digest();
            chain = StoredEvent.chain(chain, digest);
            seals.add(++position, event.id(), event.xid(), event.seq(), digest, chain);
        }
        jdbc.execute((ConnectionCallback<Long>) seals::copy);
        return events.size();
    }

    private Boolean signHead(boolean force) {
        // An asked-for checkpoint (an export, an administrator) waits for a sealer running elsewhere
        // instead of giving up: the bundle must carry the head as it is now.
        if (!lock(force)) {
            return false;
        }
        Head head = head();
        if (head.position == 0) {
            return false;
        }
        List<Object[]> last =
                jdbc.query("SELECT position, signed_at FROM audit_checkpoint ORDER BY position DESC LIMIT 1", (rs, n) ->
                        new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant()});
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!last.isEmpty()) {
            boolean moved = (long) last.get(0)[0] < head.position;
            boolean due = !((Instant) last.get(0)[1]).plus(checkpointInterval).isAfter(now);
            if (!moved || (!force && !due)) {
                return false;
            }
        }
        byte[] signature = signatures.sign(checkpointMessage(head.position, head.chain, micros(now)));
        jdbc.update(
                "INSERT INTO audit_checkpoint (position, chain, signed_at, signature) VALUES (?, ?, ?, ?)",
                head.position,
                head.chain,
                java.sql.Timestamp.from(now),
                signature);
        return true;
    }

    /** Takes the sealers' lock for this transaction, waiting for it or only if it is free. */
    private boolean lock(boolean wait) {
        if (wait) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, LOCK);
            return true;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK));
    }

    /** The bytes a checkpoint signs: text, so an auditor can rebuild them with a shell. */
    static byte[] checkpointMessage(long position, byte[] chain, long signedAtMicros) {
        return ("haven-audit-checkpoint-v1|" + position + "|" + HexFormat.of().formatHex(chain) + "|" + signedAtMicros)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private Head head() {
        List<Head> heads = jdbc.query(
                "SELECT position, xid, seq, chain FROM audit_seal ORDER BY position DESC LIMIT 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
        return heads.isEmpty() ? new Head(0, -1, -1, StoredEvent.GENESIS) : heads.get(0);
    }

    private record Head(long position, long xid, long seq, byte[] chain) {}

    static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getObject("id", UUID.class),
                rs.getLong("xid"),
                rs.getLong("seq"),
                micros(rs.getTimestamp("occurred_at").toInstant()),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("actor_id", UUID.class),
                rs.getString("channel"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getString("record_type"),
                rs.getObject("record_id", UUID.class),
                rs.getString("fields"),
                rs.getBytes("details"));
    }
}
