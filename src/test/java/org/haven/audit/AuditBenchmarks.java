package org.haven.audit;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail under load, against a baseline measured in the same run on the same PostgreSQL:
 * audited writes (the event insert with its transaction id and sequence, the append-only trigger, the
 * sealer chaining concurrently) against plain inserts of the same rows into an equally shaped table
 * with the same indexes; and verification speed against merely streaming the same rows.
 */
public final class AuditBenchmarks {

    private final ApplicationContext context;
    private final AuditTrail trail;
    private final AuditSealer sealer;
    private final AuditVerifier verifier;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public AuditBenchmarks(ApplicationContext context) {
        this.context = context;
        this.trail = context.getBean(AuditTrail.class);
        this.sealer = context.getBean(AuditSealer.class);
        this.verifier = context.getBean(AuditVerifier.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    /** One line of the writers table. */
    public record Writers(int writers, double plain, double audited, double auditedWithDetails, Duration sealLag) {}

    /** The verification figures. */
    public record Verification(long events, Duration seal, Duration verify, Duration verifyCpu, Duration rawStream) {}

    public List<Writers> writers(int[] counts, Duration warmup, Duration measure) throws Exception {
        JdbcClient owner = JdbcClient.create(context.getBean("ownerDataSource", DataSource.class));
        owner.sql("DROP TABLE IF EXISTS bench_plain_event").update();
        owner.sql("CREATE TABLE bench_plain_event (LIKE audit_event INCLUDING INDEXES)")
                .update();
        String role = jdbc.sql("SELECT current_user").query(String.class).single();
        owner.sql("GRANT INSERT ON bench_plain_event TO \"" + role + "\"").update();
        UUID organization = UUID.randomUUID();
        AtomicLong plainSeq = new AtomicLong();
        List<Writers> rows = new ArrayList<>();
        for (int writers : counts) {
            Runnable plain = () -> transactions.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO bench_plain_event (id, xid, seq, occurred_at, organization_id, actor_id, channel,
                                                           action, outcome, record_type, record_id, fields)
                            VALUES (?, 0, ?, ?, ?, ?, 'web', 'RECORD_READ', 'SUCCESS', 'person', ?, 'name,phone')
                            """)
                    .params(
                            UUID.randomUUID(),
                            plainSeq.incrementAndGet(),
                            Timestamp.from(Instant.now()),
                            organization,
                            UUID.randomUUID(),
                            UUID.randomUUID())
                    .update());
            Runnable audited = () ->
                    transactions.executeWithoutResult(status -> trail.record(AuditEntry.of(AuditAction.RECORD_READ)
                            .by(UUID.randomUUID(), organization)
                            .via("web")
                            .on("person", UUID.randomUUID())
                            .fields(List.of("name", "phone"))
                            .build()));
            Runnable withDetails = () ->
                    transactions.executeWithoutResult(status -> trail.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                            .by(UUID.randomUUID(), organization)
                            .via("web")
                            .on("person", null)
                            .fields(List.of("name", "phone"))
                            .detail("terms", "Srey Mom 012 345 678")
                            .build()));
            double plainRate = rate(plain, writers, warmup, measure);
            double auditedRate = rate(audited, writers, warmup, measure);
            double detailsRate = rate(withDetails, writers, warmup, measure);
            long started = System.nanoTime();
            sealer.seal();
            rows.add(new Writers(
                    writers, plainRate, auditedRate, detailsRate, Duration.ofNanos(System.nanoTime() - started)));
        }
        owner.sql("DROP TABLE bench_plain_event").update();
        return rows;
    }

    public Verification verification(long events) throws Exception {
        sealer.seal();
        long batch = 200_000;
        for (long done = 0; done < events; done += batch) {
            jdbc.sql("""
                            INSERT INTO audit_event (id, occurred_at, organization_id, actor_id, channel, action, outcome,
                                                     record_type, record_id, fields)
                            SELECT gen_random_uuid(), now(), ?, gen_random_uuid(), 'web', 'RECORD_READ', 'SUCCESS',
                                   'person', gen_random_uuid(), 'name,phone'
                            FROM generate_series(1, ?)
                            """)
                    .params(UUID.randomUUID(), Math.min(batch, events - done))
                    .update();
        }
        long sealStart = System.nanoTime();
        sealer.seal();
        sealer.checkpoint();
        Duration seal = Duration.ofNanos(System.nanoTime() - sealStart);
        verifier.verify(); // warm-up
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        AuditVerification result = verifier.verify();
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore);
        if (!result.intact()) {
            throw new IllegalStateException("the benchmark trail does not verify: " + result.first());
        }
        long[] head = jdbc.sql("SELECT xid, seq FROM audit_seal ORDER BY position DESC LIMIT 1")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        Duration raw = rawStream(head[0], head[1]);
        return new Verification(result.events(), seal, result.took(), cpu, raw);
    }

    /**
     * PostgreSQL sending the same two streams verification reads (the chain, and the events in
     * (xid, seq) order, binary COPY), concurrently, to readers that discard them.
     */
    private Duration rawStream(long xid, long seq) throws Exception {
        DataSource dataSource = context.getBean(DataSource.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        List<Future<?>> streams = new ArrayList<>();
        for (String copy : List.of(ChainReader.SEALS, ChainReader.events(xid, seq))) {
            streams.add(pool.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection
                            .unwrap(org.postgresql.PGConnection.class)
                            .getCopyAPI()
                            .copyOut(copy, java.io.OutputStream.nullOutputStream());
                }
                return null;
            }));
        }
        for (Future<?> stream : streams) {
            stream.get();
        }
        pool.shutdown();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static double rate(Runnable operation, int writers, Duration warmup, Duration measure) throws Exception {
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + measure.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            running.add(pool.submit(() -> {
                long now;
                while ((now = System.nanoTime()) < end) {
                    operation.run();
                    if (now >= warmEnd) {
                        count.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        return count.get() / (measure.toNanos() / 1e9);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
