package org.haven.audit;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams the sealed chain joined with its events through PostgreSQL's binary COPY, and rebuilds each
 * event's canonical bytes straight from the wire format into one reused buffer — the same bytes as
 * {@link StoredEvent#canonical()} (a test holds them equal), without a String or object per column.
 * This is what lets verification keep pace with the database.
 */
final class ChainReader {

    /** Receives one chain position at a time; the arrays are reused, copy what you keep. */
    interface Sink {
        void link(long position, UUID sealedId, byte[] digest, byte[] chain, byte[] eventDigest);
    }

    static final String QUERY = """
            COPY (SELECT s.position, s.event_id, s.digest, s.chain, e.id, e.xid, e.seq, e.occurred_at,
                         e.organization_id, e.actor_id, e.channel, e.action, e.outcome, e.record_type, e.record_id,
                         e.fields, e.details
                  FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id
                  ORDER BY s.position) TO STDOUT WITH (FORMAT binary)
            """;

    private static final byte[] MAGIC = "haven-audit-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Wire in;
    private final byte[] eventId = new byte[16];
    private final java.security.MessageDigest sha = StoredEvent.sha256();
    private byte[] canonical = new byte[1024];
    private int length;
    private final byte[] digest = new byte[32];
    private final byte[] chain = new byte[32];
    private final byte[] eventDigest = new byte[32];

    private ChainReader(InputStream in) {
        this.in = new Wire(in);
    }

    /** Reads the whole chain in position order, within the connection's current transaction. */
    static void read(Connection connection, Sink sink) throws SQLException, IOException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(QUERY);
        try (InputStream stream = new CopyOutStream(copy)) {
            new ChainReader(stream).readAll(sink);
            // Finish the COPY protocol, or the connection cannot run the next statement.
            drain(stream);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The chain and the events as two ordered streams, in one snapshot, zipped without a join. */
    static final String SEALS = "COPY (SELECT position, event_id, digest, chain FROM audit_seal ORDER BY position)"
            + " TO STDOUT WITH (FORMAT binary)";

    static String events(long xid, long seq) {
        return "COPY (SELECT id, xid, seq, occurred_at, organization_id, actor_id, channel, action, outcome,"
                + " record_type, record_id, fields, details FROM audit_event WHERE (xid, seq) <= (" + xid + ", " + seq
                + ") ORDER BY xid, seq) TO STDOUT WITH (FORMAT binary)";
    }

    /** The two streams do not line up: someone edited something. The caller falls back to the join. */
    static final class Misaligned extends Exception {
        Misaligned() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the chain and, from a second connection in the same snapshot, the sealed events in
     * (transaction id, sequence) order, pairing them one to one. Fast, because PostgreSQL only walks
     * two indexes; it proves an untouched trail, and gives up ({@link Misaligned}) at the first
     * event that is not where the chain says.
     */
    static void readMerged(Connection seals, Connection events, long xid, long seq, Sink sink)
            throws SQLException, IOException, Misaligned {
        CopyOut sealCopy = seals.unwrap(PGConnection.class).getCopyAPI().copyOut(SEALS);
        InputStream sealStream = new CopyOutStream(sealCopy);
        CopyOut eventCopy = events.unwrap(PGConnection.class).getCopyAPI().copyOut(events(xid, seq));
        InputStream eventStream = new CopyOutStream(eventCopy);
        boolean aligned = true;
        try {
            ChainReader reader = new ChainReader(sealStream);
            Wire eventWire = new Wire(eventStream);
            reader.in.skip(11 + 4);
            reader.in.skip(reader.in.int32());
            eventWire.skip(11 + 4);
            eventWire.skip(eventWire.int32());
            while (aligned) {
                short sealFields = reader.in.int16();
                short eventFields = eventWire.int16();
                if (sealFields == -1 || eventFields == -1) {
                    aligned = sealFields == eventFields;
                    break;
                }
                long position = reader.in.int64Field();
                UUID sealedId = reader.in.uuidField();
                reader.in.fixedField(reader.digest);
                reader.in.fixedField(reader.chain);
                reader.event(eventWire);
                aligned = sealedId.getMostSignificantBits() == reader.high()
                        && sealedId.getLeastSignificantBits() == reader.low();
                if (aligned) {
                    sink.link(position, sealedId, reader.digest, reader.chain, reader.eventDigest);
                }
            }
        } finally {
            // Always read both COPYs to their end: a COPY abandoned halfway leaves the connection unusable.
            drain(eventStream);
            drain(sealStream);
        }
        if (!aligned) {
            throw new Misaligned();
        }
    }

    private long high() {
        return java.nio.ByteBuffer.wrap(eventId, 0, 8).getLong();
    }

    private long low() {
        return java.nio.ByteBuffer.wrap(eventId, 8, 8).getLong();
    }

    private static void drain(InputStream stream) throws IOException {
        byte[] rest = new byte[8192];
        while (stream.read(rest, 0, rest.length) >= 0) {
            // nothing after the trailer
        }
    }

    private void readAll(Sink sink) throws IOException {
        in.skip(11 + 4); // signature and flags
        in.skip(in.int32()); // header extension
        while (true) {
            short fields = in.int16();
            if (fields == -1) {
                return;
            }
            long position = in.int64Field();
            UUID sealedId = in.uuidField();
            in.fixedField(digest);
            in.fixedField(chain);
            boolean present = event(in);
            sink.link(position, sealedId, digest, chain, present ? eventDigest : null);
        }
    }

    /** Reads the event's columns into canonical bytes; false when the event row is missing. */
    private boolean event(Wire in) throws IOException {
        length = 0;
        append(MAGIC, 0, MAGIC.length);
        int idLength = in.int32();
        if (idLength < 0) {
            for (int i = 0; i < 12; i++) {
                in.skipField();
            }
            return false;
        }
        System.arraycopy(in.bytes(idLength), 0, eventId, 0, 16);
        uuidText(eventId, 0);
        decimal(in.int64Field()); // xid
        decimal(in.int64Field()); // seq
        decimal(in.int64Field() + POSTGRES_EPOCH_MICROS); // occurred_at
        uuidOrNull(in); // organization_id
        uuidOrNull(in); // actor_id
        raw(in); // channel
        raw(in); // action
        raw(in); // outcome
        raw(in); // record_type
        uuidOrNull(in); // record_id
        raw(in); // fields
        raw(in); // details
        sha.update(canonical, 0, length);
        try {
            sha.digest(eventDigest, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    private void uuidOrNull(Wire in) throws IOException {
        int size = in.int32();
        if (size < 0) {
            lengthPrefix(-1);
        } else {
            uuidText(in.bytes(size), 0);
        }
    }

    private void uuidText(byte[] bytes, int offset) {
        lengthPrefix(36);
        ensure(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                canonical[length++] = '-';
            }
            int b = bytes[offset + i] & 0xFF;
            canonical[length++] = HEX[b >>> 4];
            canonical[length++] = HEX[b & 0x0F];
        }
    }

    private final byte[] digits = new byte[20];

    /** The decimal text of a value, as Long.toString gives it, written without allocating. */
    private void decimal(long value) {
        if (value < 0) {
            byte[] text = Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            lengthPrefix(text.length);
            append(text, 0, text.length);
            return;
        }
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        int size = digits.length - at;
        lengthPrefix(size);
        append(digits, at, size);
    }

    private void raw(Wire in) throws IOException {
        int size = in.int32();
        lengthPrefix(size);
        if (size > 0) {
            ensure(size);
            in.readInto(canonical, length, size);
            length += size;
        }
    }

    private void lengthPrefix(int value) {
        ensure(4);
        canonical[length++] = (byte) (value >>> 24);
        canonical[length++] = (byte) (value >>> 16);
        canonical[length++] = (byte) (value >>> 8);
        canonical[length++] = (byte) value;
    }

    private void append(byte[] bytes, int offset, int size) {
        ensure(size);
        System.arraycopy(bytes, offset, canonical, length, size);
        length += size;
    }

    private void ensure(int more) {
        if (length + more > canonical.length) {
            canonical = java.util.Arrays.copyOf(canonical, Math.max(canonical.length * 2, length + more));
        }
    }

    /** Big-endian reads over a buffered stream. */
    private static final class Wire {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] scratch = new byte[64];

        Wire(InputStream in) {
            this.in = in;
        }

        private void fill(int needed) throws IOException {
            if (limit - position >= needed) {
                return;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            while (limit < needed) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    throw new IOException("the audit chain stream ended early");
                }
                limit += read;
            }
        }

        short int16() throws IOException {
            fill(2);
            short value = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
            position += 2;
            return value;
        }

        int int32() throws IOException {
            fill(4);
            int value = ((buffer[position] & 0xFF) << 24)
                    | ((buffer[position + 1] & 0xFF) << 16)
                    | ((buffer[position + 2] & 0xFF) << 8)
                    | (buffer[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        long int64() throws IOException {
            fill(8);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (buffer[position + i] & 0xFF);
            }
            position += 8;
            return value;
        }

        long int64Field() throws IOException {
            int size = int32();
            if (size != 8) {
                throw new IOException("unexpected field size " + size);
            }
            return int64();
        }

        UUID uuidField() throws IOException {
            int size = int32();
            if (size != 16) {
                throw new IOException("unexpected uuid size " + size);
            }
            return new UUID(int64(), int64());
        }

        void fixedField(byte[] into) throws IOException {
            int size = int32();
            if (size != into.length) {
                // An edited digest or chain of another length: keep what fits, the comparison fails anyway.
                java.util.Arrays.fill(into, (byte) 0);
                if (size > 0) {
                    byte[] value = bytes(size);
                    System.arraycopy(value, 0, into, 0, Math.min(size, into.length));
                }
                return;
            }
            readInto(into, 0, size);
        }

        byte[] bytes(int size) throws IOException {
            if (scratch.length < size) {
                scratch = new byte[size];
            }
            readInto(scratch, 0, size);
            return scratch;
        }

        void readInto(byte[] into, int offset, int size) throws IOException {
            int done = 0;
            while (done < size) {
                fill(Math.min(size - done, buffer.length));
                int chunk = Math.min(size - done, limit - position);
                System.arraycopy(buffer, position, into, offset + done, chunk);
                position += chunk;
                done += chunk;
            }
        }

        void skipField() throws IOException {
            int size = int32();
            if (size > 0) {
                skip(size);
            }
        }

        void skip(int size) throws IOException {
            int done = 0;
            while (done < size) {
                fill(Math.min(size - done, buffer.length));
                int chunk = Math.min(size - done, limit - position);
                position += chunk;
                done += chunk;
            }
        }
    }

    /** pgjdbc's CopyOut as an InputStream. */
    private static final class CopyOutStream extends InputStream {
        private final CopyOut copy;
        private byte[] current;
        private int offset;

        CopyOutStream(CopyOut copy) {
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            try {
                while (current == null || offset >= current.length) {
                    current = copy.readFromCopy();
                    offset = 0;
                    if (current == null) {
                        return -1;
                    }
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            int chunk = Math.min(len, current.length - offset);
            System.arraycopy(current, offset, into, off, chunk);
            offset += chunk;
            return chunk;
        }
    }
}
