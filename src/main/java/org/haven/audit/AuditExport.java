package org.haven.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.haven.vault.Signatures;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Writes an audit bundle for an outside auditor: the chain from its start up to the first checkpoint
 * that covers the period, with the canonical bytes of the period's events (digests only for the
 * rest), the checkpoints, the public key, the rules and a standalone verifier.
 */
@Component
public class AuditExport {

    /** What was written. */
    public record Result(Path file, long eventsInPeriod, long chainPositions, long checkpoints) {}

    private final DataSource dataSource;
    private final AuditSealer sealer;
    private final Signatures signatures;

    AuditExport(DataSource dataSource, AuditSealer sealer, Signatures signatures) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.signatures = signatures;
    }

    public Result export(Instant from, Instant to, Path file) throws IOException {
        sealer.seal();
        sealer.checkpoint();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Connection connection = dataSource.getConnection();
                OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            long lastInPeriod = single(
                    connection,
                    "SELECT coalesce(max(s.position), 0) FROM audit_seal s JOIN audit_event e ON e.id = s.event_id"
                            + " WHERE e.occurred_at < ?",
                    to);
            long end = single(
                    connection,
                    "SELECT coalesce(min(position), 0) FROM audit_checkpoint WHERE position >= ?",
                    lastInPeriod);
            end = Math.max(end, lastInPeriod);
            long[] counts = writeChain(connection, zip, from, to, end);
            long checkpoints = writeCheckpoints(connection, zip, end);
            entry(zip, "public-key.pem", signatures.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            entry(zip, "README.txt", resource("audit/README.txt"));
            entry(zip, "VerifyAuditBundle.java", resource("audit/VerifyAuditBundle.java"));
            connection.commit();
            return new Result(file, counts[0], counts[1], checkpoints);
        } catch (SQLException e) {
            throw new IOException("The audit trail could not be read", e);
        }
    }

    private static long[] writeChain(Connection connection, ZipOutputStream zip, Instant from, Instant to, long end)
            throws SQLException, IOException {
        zip.putNextEntry(new ZipEntry("chain.tsv"));
        Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        out.write("# position\tevent id\tdigest\tchain\tcanonical event (Base64) or -\n");
        long inPeriod = 0;
        long positions = 0;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.position, s.event_id, s.digest, s.chain, e.*
                FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id
                WHERE s.position <= ? ORDER BY s.position
                """)) {
            statement.setLong(1, end);
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    positions++;
                    String event = "-";
                    Timestamp at = rs.getTimestamp("occurred_at");
                    if (at != null
                            && !at.toInstant().isBefore(from)
                            && at.toInstant().isBefore(to)) {
                        event = Base64.getEncoder()
                                .encodeToString(AuditSealer.read(rs).canonical());
                        inPeriod++;
                    }
                    out.write(rs.getLong(1) + "\t" + rs.getObject(2, UUID.class) + "\t"
                            + HexFormat.of().formatHex(rs.getBytes(3)) + "\t"
                            + HexFormat.of().formatHex(rs.getBytes(4))
                            + "\t" + event + "\n");
                }
            }
        }
        out.flush();
        zip.closeEntry();
        return new long[] {inPeriod, positions};
    }

    private static long writeCheckpoints(Connection connection, ZipOutputStream zip, long end)
            throws SQLException, IOException {
        StringBuilder out = new StringBuilder("# position\tchain\tsigned at (microseconds)\tsignature (Base64)\n");
        long count = 0;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT position, chain, signed_at, signature FROM audit_checkpoint WHERE position <= ? ORDER BY"
                        + " position")) {
            statement.setLong(1, end);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    count++;
                    out.append(rs.getLong(1))
                            .append('\t')
                            .append(HexFormat.of().formatHex(rs.getBytes(2)))
                            .append('\t')
                            .append(AuditSealer.micros(rs.getTimestamp(3).toInstant()))
                            .append('\t')
                            .append(Base64.getEncoder().encodeToString(rs.getBytes(4)))
                            .append('\n');
                }
            }
        }
        entry(zip, "checkpoints.tsv", out.toString().getBytes(StandardCharsets.UTF_8));
        return count;
    }

    private static long single(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter instanceof Instant instant ? Timestamp.from(instant) : parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
