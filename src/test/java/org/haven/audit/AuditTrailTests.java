package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@HavenTest
class AuditTrailTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theApplicationRoleCanAppendButNeverChangeOrRemove() {
        UUID id = trail.record(entry("append-only"));
        for (String sql : List.of(
                "UPDATE audit_event SET action = 'SIGN_OUT' WHERE id = ?",
                "DELETE FROM audit_event WHERE id = ?",
                "UPDATE audit_seal SET chain = NULL WHERE event_id = ?",
                "DELETE FROM audit_checkpoint WHERE position IN (SELECT position FROM audit_seal WHERE event_id = ?)")) {
            assertThatThrownBy(() -> jdbc.sql(sql).param(id).update())
                    .as(sql)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void evenTheDatabaseOwnerIsStoppedByTheTriggersUnlessTheyAreSwitchedOff() {
        UUID id = trail.record(entry("owner"));
        JdbcClient owner = JdbcClient.create(context.getBean("ownerDataSource", DataSource.class));
        assertThatThrownBy(() -> owner.sql("DELETE FROM audit_event WHERE id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("TRUNCATE audit_seal").update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void noAuditNoWork_workRolledBackTakesItsEventAlong() {
        UUID marker = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    jdbc.sql("INSERT INTO installation_fact (name, value) VALUES (?, 'x')")
                            .param(marker.toString())
                            .update();
                    trail.record(entry(marker.toString()));
                    throw new IllegalStateException("the work failed");
                }))
                .hasMessage("the work failed");
        assertThat(countFacts(marker)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE record_type = ?")
                        .param(marker.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void noAuditNoWork_anEventThatCannotBeWrittenStopsTheWork() {
        UUID marker = UUID.randomUUID();
        AuditEntry event = AuditEntry.of(AuditAction.RECORD_READ)
                .on(marker.toString(), UUID.randomUUID())
                .build();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    jdbc.sql("INSERT INTO installation_fact (name, value) VALUES (?, 'x')")
                            .param(marker.toString())
                            .update();
                    // An event id that already exists: the insert fails, and with it the transaction.
                    UUID existing = trail.record(event);
                    jdbc.sql("INSERT INTO audit_event (id, occurred_at, channel, action, outcome)"
                                    + " VALUES (?, now(), 'web', 'RECORD_READ', 'SUCCESS')")
                            .param(existing)
                            .update();
                }))
                .isInstanceOf(DataAccessException.class);
        assertThat(countFacts(marker)).isZero();
    }

    @Test
    void detailsAreEncryptedAndReadableByTheOrganizationsKey() {
        UUID organization = UUID.randomUUID();
        UUID id = trail.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(UUID.randomUUID(), organization)
                .detail("terms", "Sreymom Chan 012 345 678")
                .build());
        Map<String, Object> row = jdbc.sql("SELECT organization_id, details FROM audit_event WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        byte[] stored = (byte[]) row.get("details");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Sreymom")
                .doesNotContain("345");
        assertThat(trail.openDetails(id, organization, stored)).containsEntry("terms", "Sreymom Chan 012 345 678");
    }

    @Test
    void concurrentWritersAndALongTransactionAreSealedInTransactionOrderAndVerifyClean() throws Exception {
        sealer.seal();
        CountDownLatch longTransactionWrote = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<UUID> longOne = pool.submit(() -> transactions.execute(status -> {
                UUID id = trail.record(entry("long"));
                longTransactionWrote.countDown();
                await(mayCommit);
                return id;
            }));
            await(longTransactionWrote);
            List<Future<List<UUID>>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                writers.add(pool.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        ids.add(transactions.execute(status -> trail.record(entry("concurrent"))));
                    }
                    return ids;
                }));
            }
            List<UUID> written = new ArrayList<>();
            for (Future<List<UUID>> writer : writers) {
                written.addAll(writer.get());
            }
            sealer.seal();
            assertThat(sealed(written))
                    .as("nothing after a running transaction is sealed")
                    .isZero();

            mayCommit.countDown();
            UUID longId = longOne.get();
            sealer.seal();
            assertThat(sealed(written)).isEqualTo(written.size());
            assertThat(sealed(List.of(longId))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        List<long[]> order = jdbc.sql("SELECT xid, seq FROM audit_seal ORDER BY position")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        for (int i = 1; i < order.size(); i++) {
            long[] previous = order.get(i - 1);
            long[] current = order.get(i);
            assertThat(current[0] > previous[0] || (current[0] == previous[0] && current[1] > previous[1]))
                    .as("chain position %d follows (xid, seq) order", i + 1)
                    .isTrue();
        }
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void moreEventsThanOneBatchAreSealedInBatchesThatChainOnWithoutGaps() {
        // One transaction's events are sealed together, in seq order: AuditSealer.BATCH + 1 of them need
        // two batches (two COPYs), the second starting from the head the first one wrote.
        int count = AuditSealer.BATCH + 1;
        List<UUID> ids = transactions.execute(status -> {
            List<UUID> written = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                written.add(trail.record(entry("batch")));
            }
            return written;
        });
        sealer.seal();
        assertThat(sealed(ids)).isEqualTo(count);
        List<Long> positions = jdbc.sql("SELECT position FROM audit_seal WHERE event_id = ANY(?) ORDER BY position")
                .param(ids.toArray(UUID[]::new))
                .query(Long.class)
                .list();
        assertThat(positions.get(positions.size() - 1) - positions.get(0))
                .as("consecutive positions across the batches")
                .isEqualTo(count - 1);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aCheckpointSignsTheChainHeadOnlyWhenItMoved() {
        trail.record(entry("checkpoint"));
        sealer.seal();
        assertThat(sealer.checkpoint()).isTrue();
        assertThat(sealer.checkpoint()).as("nothing new to sign").isFalse();
        assertThat(verifier.verify().checkpoints()).isPositive();
    }

    @Test
    void anAskedForCheckpointWaitsForASealerRunningElsewhere() throws Exception {
        trail.record(entry("checkpoint-while-sealing"));
        sealer.seal();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.sql.Connection other =
                context.getBean("ownerDataSource", DataSource.class).getConnection()) {
            // Another sealer (another node, or the schedule) holds the lock for its transaction.
            other.setAutoCommit(false);
            try (java.sql.Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + AuditSealer.LOCK + ")");
            }
            Future<Boolean> asked = pool.submit(sealer::checkpoint);
            Thread.sleep(300);
            assertThat(asked).as("still waiting for the lock").isNotDone();
            other.commit();
            assertThat(asked.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .as("signed once the lock was free")
                    .isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private long sealed(List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM audit_seal WHERE event_id = ANY(?)")
                .param(ids.toArray(UUID[]::new))
                .query(Long.class)
                .single();
    }

    private long countFacts(UUID marker) {
        return jdbc.sql("SELECT count(*) FROM installation_fact WHERE name = ?")
                .param(marker.toString())
                .query(Long.class)
                .single();
    }

    private static AuditEntry entry(String type) {
        return AuditEntry.of(AuditAction.RECORD_READ)
                .by(UUID.randomUUID(), UUID.randomUUID())
                .on(type, UUID.randomUUID())
                .build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
