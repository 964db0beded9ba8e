package org.haven.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.haven.audit.AuditVerification.Finding;
import org.haven.audit.AuditVerification.Kind;
import org.haven.vault.Signatures;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit chain from the stored events and names what does not match: altered, deleted,
 * inserted or reordered events, edited chain links, and checkpoints whose signature or chain head no
 * longer holds. It reads only; it trusts nothing in the database except what the signatures cover.
 */
@Component
public class AuditVerifier {

    static final int MAX_FINDINGS = 1_000;

    private final DataSource dataSource;
    private final Signatures signatures;

    AuditVerifier(DataSource dataSource, Signatures signatures) {
        this.dataSource = dataSource;
        this.signatures = signatures;
    }

    public AuditVerification verify() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            long[] head = head(connection);
            Map<Long, Checkpoint> checkpoints = checkpoints(connection);
            Run run = fast(connection, head, new HashMap<>(checkpoints));
            if (run == null) {
                // Something is off: the exact reading (chain joined to events) names what.
                run = new Run(checkpoints, publicKey());
                streamChain(connection, run);
                run.finishCheckpoints();
                run.findInserted(connection);
            }
            long unsealed = count(
                    connection,
                    "SELECT count(*) FROM audit_event WHERE (xid, seq) > (" + head[0] + ", " + head[1] + ")");
            connection.commit();
            return new AuditVerification(
                    run.events,
                    run.checkpointsChecked,
                    unsealed,
                    run.findings(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be read", e);
        }
    }

    /**
     * The fast reading: two index walks zipped in one snapshot. Returns null unless it proves the trail
     * intact, so every finding comes from the exact reading.
     */
    private Run fast(Connection connection, long[] head, Map<Long, Checkpoint> checkpoints) throws SQLException {
        String snapshot;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_export_snapshot()");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            snapshot = rs.getString(1);
        }
        try (Connection events = dataSource.getConnection()) {
            events.setAutoCommit(false);
            events.setReadOnly(true);
            try (var statement = events.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
            }
            Run run = new Run(checkpoints, publicKey());
            try {
                ChainReader.readMerged(connection, events, head[0], head[1], run::link);
            } catch (ChainReader.Misaligned | java.io.IOException e) {
                events.rollback();
                return null;
            }
            events.commit();
            run.finishCheckpoints();
            return run.findings().isEmpty() ? run : null;
        }
    }

    private static long[] head(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT xid, seq FROM audit_seal ORDER BY position DESC LIMIT 1");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {-1, -1};
        }
    }

    private void streamChain(Connection connection, Run run) throws SQLException {
        try {
            ChainReader.read(connection, run::link);
        } catch (java.io.IOException e) {
            throw new SQLException("The audit chain could not be streamed", e);
        }
    }

    private Map<Long, Checkpoint> checkpoints(Connection connection) throws SQLException {
        Map<Long, Checkpoint> checkpoints = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT position, chain, signed_at, signature FROM audit_checkpoint");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                checkpoints.put(
                        rs.getLong(1),
                        new Checkpoint(
                                rs.getLong(1),
                                rs.getBytes(2),
                                AuditSealer.micros(rs.getTimestamp(3).toInstant()),
                                rs.getBytes(4)));
            }
        }
        return checkpoints;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PublicKey publicKey() {
        return publicKey(signatures.publicKeyPem());
    }

    static PublicKey publicKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(
                            new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit public key is unreadable", e);
        }
    }

    record Checkpoint(long position, byte[] chain, long signedAtMicros, byte[] signature) {}

    /** State of one verification pass. */
    private static final class Run {
        private final Map<Long, Checkpoint> checkpoints;
        private final long[] checkpointPositions;
        private int nextCheckpoint;
        private final PublicKey key;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Mismatch> mismatches = new ArrayList<>();
        private final java.security.MessageDigest sha = StoredEvent.sha256();
        private byte[] previous = StoredEvent.GENESIS.clone();
        private byte[] recomputed = new byte[32];
        private long expected = 1;
        long events;
        long checkpointsChecked;
        long inserted;

        Run(Map<Long, Checkpoint> checkpoints, PublicKey key) {
            this.checkpoints = checkpoints;
            this.checkpointPositions = checkpoints.keySet().stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            this.key = key;
        }

        void link(long position, UUID sealedId, byte[] digest, byte[] chain, byte[] actual) {
            events++;
            boolean gap = position != expected;
            if (gap) {
                add(new Finding(
                        Kind.REMOVED_FROM_CHAIN,
                        expected,
                        null,
                        "Chain positions " + expected + " to " + (position - 1) + " are missing: their events were"
                                + " removed from the chain."));
            }
            expected = position + 1;
            if (actual == null) {
                add(new Finding(
                        Kind.DELETED,
                        position,
                        sealedId,
                        "Event " + sealedId + " (position " + position + ") was deleted."));
            } else if (!Arrays.equals(actual, digest)) {
                mismatches.add(new Mismatch(position, sealedId, digest.clone(), actual.clone()));
            }
            sha.update(previous);
            sha.update(digest);
            try {
                sha.digest(recomputed, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
            if (gap) {
                // Resynchronize on the stored link, so one removal is reported once.
                System.arraycopy(chain, 0, recomputed, 0, 32);
            } else if (!Arrays.equals(recomputed, chain)) {
                add(new Finding(
                        Kind.CHAIN_BROKEN,
                        position,
                        sealedId,
                        "The chain link at position " + position + " (event " + sealedId + ") does not follow from the"
                                + " one before it: the chain table was edited."));
            }
            while (nextCheckpoint < checkpointPositions.length && checkpointPositions[nextCheckpoint] < position) {
                nextCheckpoint++;
            }
            if (nextCheckpoint < checkpointPositions.length && checkpointPositions[nextCheckpoint] == position) {
                checkCheckpoint(checkpoints.remove(position), recomputed, sealedId);
            }
            byte[] swap = previous;
            previous = recomputed;
            recomputed = swap;
        }

        private void checkCheckpoint(Checkpoint checkpoint, byte[] recomputed, UUID eventId) {
            checkpointsChecked++;
            if (!signatureValid(checkpoint)) {
                add(new Finding(
                        Kind.CHECKPOINT_MISMATCH,
                        checkpoint.position(),
                        eventId,
                        "The checkpoint at position " + checkpoint.position() + " has an invalid signature."));
            } else if (!Arrays.equals(checkpoint.chain(), recomputed)) {
                add(new Finding(
                        Kind.CHECKPOINT_MISMATCH,
                        checkpoint.position(),
                        eventId,
                        "The chain up to position " + checkpoint.position() + " differs from what was signed at"
                                + " that checkpoint: events before it were rewritten."));
            }
        }

        void finishCheckpoints() {
            for (Checkpoint checkpoint : checkpoints.values()) {
                checkpointsChecked++;
                add(new Finding(
                        Kind.CHECKPOINT_MISMATCH,
                        checkpoint.position(),
                        null,
                        "A checkpoint was signed at position " + checkpoint.position() + " but the chain no longer"
                                + " reaches it: its end was removed."));
            }
        }

        void findInserted(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT e.id, e.xid, e.seq FROM audit_event e
                    WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)
                      AND (e.xid, e.seq) < (SELECT xid, seq FROM audit_seal ORDER BY position DESC LIMIT 1)
                    ORDER BY e.xid, e.seq
                    """)) {
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        inserted++;
                        UUID id = rs.getObject(1, UUID.class);
                        add(new Finding(
                                Kind.INSERTED,
                                0,
                                id,
                                "Event " + id + " was inserted into the sealed past: it is not in the chain."));
                    }
                }
            }
        }

        List<Finding> findings() {
            // Two mismatches whose digests match each other's seals are one swap.
            Map<String, Mismatch> bySealed = new HashMap<>();
            for (Mismatch m : mismatches) {
                bySealed.put(HexFormat.of().formatHex(m.sealed()), m);
            }
            List<Finding> all = new ArrayList<>(findings);
            for (Mismatch m : mismatches) {
                Mismatch partner = bySealed.get(HexFormat.of().formatHex(m.actual()));
                if (partner != null && partner != m) {
                    if (m.position() < partner.position()) {
                        all.add(new Finding(
                                Kind.REORDERED,
                                m.position(),
                                m.eventId(),
                                "Event " + m.eventId() + " (position " + m.position() + ") and event "
                                        + partner.eventId() + " (position " + partner.position()
                                        + ") were swapped."));
                    }
                } else {
                    all.add(new Finding(
                            Kind.ALTERED,
                            m.position(),
                            m.eventId(),
                            "Event " + m.eventId() + " (position " + m.position() + ") was altered after sealing."));
                }
            }
            all.sort(Comparator.comparingLong((Finding f) -> f.position() == 0 ? Long.MAX_VALUE : f.position()));
            return List.copyOf(all.size() > MAX_FINDINGS ? all.subList(0, MAX_FINDINGS) : all);
        }

        private void add(Finding finding) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(finding);
            }
        }

        private boolean signatureValid(Checkpoint checkpoint) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(AuditSealer.checkpointMessage(
                        checkpoint.position(), checkpoint.chain(), checkpoint.signedAtMicros()));
                return verifier.verify(checkpoint.signature());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    private record Mismatch(long position, UUID eventId, byte[] sealed, byte[] actual) {}
}
