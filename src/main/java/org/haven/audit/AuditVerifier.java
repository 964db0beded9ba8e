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
            Run run = new Run(checkpoints(connection), publicKey());
            streamChain(connection, run);
            run.finishCheckpoints();
            run.findInserted(connection);
            long unsealed = count(
                    connection,
                    "SELECT count(*) FROM audit_event e WHERE NOT EXISTS"
                            + " (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)");
            connection.commit();
            List<Finding> findings = run.findings();
            return new AuditVerification(
                    run.events,
                    run.checkpointsChecked,
                    unsealed - run.inserted,
                    findings,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be read", e);
        }
    }

    private void streamChain(Connection connection, Run run) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.position, s.event_id, s.digest, s.chain, e.*
                FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id
                ORDER BY s.position
                """)) {
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    UUID sealedId = rs.getObject(2, UUID.class);
                    byte[] digest = rs.getBytes(3);
                    byte[] chain = rs.getBytes(4);
                    StoredEvent event = rs.getObject("id") == null ? null : AuditSealer.read(rs);
                    run.link(position, sealedId, digest, chain, event);
                }
            }
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
        private final PublicKey key;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Mismatch> mismatches = new ArrayList<>();
        private byte[] previous = StoredEvent.GENESIS;
        private long expected = 1;
        long events;
        long checkpointsChecked;
        long inserted;

        Run(Map<Long, Checkpoint> checkpoints, PublicKey key) {
            this.checkpoints = checkpoints;
            this.key = key;
        }

        void link(long position, UUID sealedId, byte[] digest, byte[] chain, StoredEvent event) {
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
            if (event == null) {
                add(new Finding(
                        Kind.DELETED,
                        position,
                        sealedId,
                        "Event " + sealedId + " (position " + position + ") was deleted."));
            } else {
                byte[] actual = event.digest();
                if (!Arrays.equals(actual, digest)) {
                    mismatches.add(new Mismatch(position, sealedId, digest, actual));
                }
            }
            byte[] recomputed = StoredEvent.chain(previous, digest);
            if (gap) {
                // Resynchronize on the stored link, so one removal is reported once.
                recomputed = chain;
            } else if (!Arrays.equals(recomputed, chain)) {
                add(new Finding(
                        Kind.CHAIN_BROKEN,
                        position,
                        sealedId,
                        "The chain link at position " + position + " (event " + sealedId + ") does not follow from the"
                                + " one before it: the chain table was edited."));
            }
            Checkpoint checkpoint = checkpoints.remove(position);
            if (checkpoint != null) {
                checkCheckpoint(checkpoint, recomputed, sealedId);
            }
            previous = recomputed;
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
