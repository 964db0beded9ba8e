package org.haven.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * An audit event as stored, and its canonical bytes: what the chain hashes. The format is documented
 * in docs/audit-verification.md so that auditors can recompute it without Haven:
 *
 * <pre>
 * "haven-audit-v1", then for each of id, xid, seq, occurred_at (epoch microseconds), organization_id,
 * actor_id, channel, action, outcome, record_type, record_id, fields, details:
 *   a 4-byte big-endian length and the bytes (UTF-8 text; UUIDs in lower-case 36-character form;
 *   numbers in decimal; details raw), or length 0xFFFFFFFF and nothing for null.
 * digest = SHA-256(canonical bytes); chain(p) = SHA-256(chain(p - 1) || digest(p)); chain(0) = 32 zero bytes.
 * </pre>
 */
record StoredEvent(
        UUID id,
        long xid,
        long seq,
        long occurredAtMicros,
        UUID organizationId,
        UUID actorId,
        String channel,
        String action,
        String outcome,
        String recordType,
        UUID recordId,
        String fields,
        byte[] details) {

    private static final byte[] MAGIC = "haven-audit-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GENESIS = new byte[32];

    byte[] canonical() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + (details == null ? 0 : details.length));
        out.writeBytes(MAGIC);
        text(out, id.toString());
        text(out, Long.toString(xid));
        text(out, Long.toString(seq));
        text(out, Long.toString(occurredAtMicros));
        text(out, organizationId == null ? null : organizationId.toString());
        text(out, actorId == null ? null : actorId.toString());
        text(out, channel);
        text(out, action);
        text(out, outcome);
        text(out, recordType);
        text(out, recordId == null ? null : recordId.toString());
        text(out, fields);
        bytes(out, details);
        return out.toByteArray();
    }

    byte[] digest() {
        return sha256().digest(canonical());
    }

    static byte[] chain(byte[] previous, byte[] digest) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(digest);
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        int length = value == null ? -1 : value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (value != null) {
            out.writeBytes(value);
        }
    }
}
