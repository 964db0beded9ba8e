package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.audit.AuditVerification.Finding;
import org.haven.audit.AuditVerification.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Someone with superuser rights edits the audit trail in each possible way; verification names
 * exactly the event concerned. Every test undoes its tampering, and the trail verifies clean again.
 * This class has its own database (its own context) and seals only when told to.
 */
@HavenTest
@TestPropertySource(properties = {"haven.audit.seal-every=1h", "haven.audit.checkpoint-interval=1h"})
class AuditTamperingTests {

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

    Superuser superuser;
    List<UUID> events;

    @BeforeEach
    void recordAndSealSomeEvents() {
        superuser = new Superuser(context);
        UUID organization = UUID.randomUUID();
        events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(trail.record(AuditEntry.of(AuditAction.RECORD_READ)
                    .by(UUID.randomUUID(), organization)
                    .on("person", UUID.randomUUID())
                    .fields(List.of("name", "date_of_birth"))
                    .detail("search", "Sreymom " + i)
                    .build()));
        }
        sealer.seal();
        sealer.checkpoint();
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void anUntouchedTrailVerifiesClean() {
        AuditVerification result = verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.events()).isGreaterThanOrEqualTo(6);
        assertThat(result.checkpoints()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAlteredFieldIsReportedWithItsEvent() {
        UUID victim = events.get(2);
        String action = jdbc.sql("SELECT action FROM audit_event WHERE id = ?")
                .param(victim)
                .query(String.class)
                .single();
        superuser.execute("UPDATE audit_event SET action = 'SIGN_OUT' WHERE id = ?", victim);

        assertThat(only(verifier.verify())).satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ALTERED);
            assertThat(finding.eventId()).isEqualTo(victim);
        });

        superuser.execute("UPDATE audit_event SET action = ? WHERE id = ?", action, victim);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aDeletedEventIsReportedWithItsId() {
        UUID victim = events.get(3);
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = ?")
                .param(victim)
                .query()
                .singleRow();
        superuser.execute("DELETE FROM audit_event WHERE id = ?", victim);

        assertThat(only(verifier.verify())).satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.DELETED);
            assertThat(finding.eventId()).isEqualTo(victim);
        });

        reinsert(row);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aForgedEventInTheSealedPastIsReported() {
        Map<String, Object> model = jdbc.sql("SELECT * FROM audit_event WHERE id = ?")
                .param(events.get(1))
                .query()
                .singleRow();
        UUID forged = UUID.randomUUID();
        superuser.execute(
                "INSERT INTO audit_event (id, xid, seq, occurred_at, channel, action, outcome, fields)"
                        + " VALUES (?, ?, ?, now(), 'web', 'SIGN_IN', 'SUCCESS', '')",
                forged,
                model.get("xid"),
                model.get("seq"));

        assertThat(only(verifier.verify())).satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INSERTED);
            assertThat(finding.eventId()).isEqualTo(forged);
        });

        superuser.execute("DELETE FROM audit_event WHERE id = ?", forged);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void twoSwappedEventsAreReportedAsSwapped() {
        UUID first = events.get(1);
        UUID second = events.get(4);
        swapSealedEvents(first, second);

        assertThat(only(verifier.verify())).satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.REORDERED);
            assertThat(finding.position()).isEqualTo(position(second));
            assertThat(finding.description()).contains(first.toString(), second.toString());
        });

        swapSealedEvents(first, second);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void swappingTheOrderingKeysOfTwoEventsIsReportedAsAlterations() {
        UUID first = events.get(0);
        UUID second = events.get(5);
        long firstSeq = seq(first);
        long secondSeq = seq(second);
        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", -1L, first);
        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", firstSeq, second);
        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", secondSeq, first);

        List<Finding> findings = verifier.verify().findings();
        assertThat(findings).extracting(Finding::kind).containsOnly(Kind.ALTERED);
        assertThat(findings).extracting(Finding::eventId).containsExactly(first, second);

        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", -1L, first);
        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", secondSeq, second);
        superuser.execute("UPDATE audit_event SET seq = ? WHERE id = ?", firstSeq, first);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedCheckpoint() {
        UUID victim = events.get(2);
        String outcome = jdbc.sql("SELECT outcome FROM audit_event WHERE id = ?")
                .param(victim)
                .query(String.class)
                .single();
        List<Map<String, Object>> seals =
                jdbc.sql("SELECT * FROM audit_seal ORDER BY position").query().listOfRows();
        superuser.execute("UPDATE audit_event SET outcome = 'DENIED' WHERE id = ?", victim);
        recomputeChainFrom(seals);

        List<Finding> findings = verifier.verify().findings();
        assertThat(findings).extracting(Finding::kind).containsExactly(Kind.CHECKPOINT_MISMATCH);

        superuser.execute("UPDATE audit_event SET outcome = ? WHERE id = ?", outcome, victim);
        for (Map<String, Object> seal : seals) {
            superuser.execute(
                    "UPDATE audit_seal SET digest = ?, chain = ? WHERE position = ?",
                    seal.get("digest"),
                    seal.get("chain"),
                    seal.get("position"));
        }
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void anEditedChainLinkIsReported() {
        long position = jdbc.sql("SELECT position FROM audit_seal WHERE event_id = ?")
                .param(events.get(3))
                .query(Long.class)
                .single();
        byte[] chain = jdbc.sql("SELECT chain FROM audit_seal WHERE position = ?")
                .param(position)
                .query(byte[].class)
                .single();
        superuser.execute("UPDATE audit_seal SET chain = ? WHERE position = ?", new byte[32], position);

        List<Finding> findings = verifier.verify().findings();
        assertThat(findings).isNotEmpty();
        assertThat(findings.get(0).kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(findings.get(0).eventId()).isEqualTo(events.get(3));

        superuser.execute("UPDATE audit_seal SET chain = ? WHERE position = ?", chain, position);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    private void swapSealedEvents(UUID first, UUID second) {
        long a = position(first);
        long b = position(second);
        superuser.execute("UPDATE audit_seal SET event_id = ? WHERE position = ?", UUID.randomUUID(), a);
        superuser.execute("UPDATE audit_seal SET event_id = ? WHERE position = ?", first, b);
        superuser.execute("UPDATE audit_seal SET event_id = ? WHERE position = ?", second, a);
        // The seals keep their own copy of each event's ordering keys; swap those too.
        superuser.execute(
                "UPDATE audit_seal s SET xid = e.xid, seq = e.seq FROM audit_event e"
                        + " WHERE e.id = s.event_id AND s.position IN (?, ?)",
                a,
                b);
    }

    private void recomputeChainFrom(List<Map<String, Object>> seals) {
        byte[] chain = StoredEvent.GENESIS;
        for (Map<String, Object> seal : seals) {
            StoredEvent event = jdbc.sql("SELECT * FROM audit_event WHERE id = ?")
                    .param(seal.get("event_id"))
                    .query((rs, n) -> AuditSealer.read(rs))
                    .single();
            byte[] digest = event.digest();
            chain = StoredEvent.chain(chain, digest);
            superuser.execute(
                    "UPDATE audit_seal SET digest = ?, chain = ? WHERE position = ?",
                    digest,
                    chain,
                    seal.get("position"));
        }
    }

    private void reinsert(Map<String, Object> row) {
        superuser.execute(
                "INSERT INTO audit_event (id, xid, seq, occurred_at, organization_id, actor_id, channel, action,"
                        + " outcome, record_type, record_id, fields, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)",
                row.get("id"),
                row.get("xid"),
                row.get("seq"),
                row.get("occurred_at"),
                row.get("organization_id"),
                row.get("actor_id"),
                row.get("channel"),
                row.get("action"),
                row.get("outcome"),
                row.get("record_type"),
                row.get("record_id"),
                row.get("fields"),
                row.get("details"));
    }

    private long position(UUID event) {
        return jdbc.sql("SELECT position FROM audit_seal WHERE event_id = ?")
                .param(event)
                .query(Long.class)
                .single();
    }

    private long seq(UUID event) {
        return jdbc.sql("SELECT seq FROM audit_event WHERE id = ?")
                .param(event)
                .query(Long.class)
                .single();
    }

    private static Finding only(AuditVerification verification) {
        assertThat(verification.findings()).hasSize(1);
        return verification.first();
    }
}
