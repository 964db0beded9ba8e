package org.haven.intake.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner organization's queue of reports passed to it: the summary (its own copy, under its own
 * keys), never the report, the reporter's messages or the receipt code. The partner acknowledges and
 * reports the outcome; both change its own row and the sender's routing in one transaction. Every
 * list, read and change is audited.
 */
@Service
public class PartnerQueue {

    /** One line of the queue: no words, only what decides its place. */
    public record ReferralRow(
            UUID id,
            String category,
            String urgency,
            String province,
            String status,
            Instant receivedAt,
            Instant acknowledgeBy,
            boolean late,
            int version) {}

    /** One referral as the partner reads it; {@code summary} is null once withdrawn. */
    public record Referral(
            ReferralRow row, String from, String summary, String outcome, String outcomeNote, Instant acknowledgedAt) {}

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final Clock clock;

    PartnerQueue(JdbcClient jdbc, FieldCipher cipher, Organizations organizations, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organization's referrals: waiting ones first, the most urgent and oldest first. */
    @Transactional
    public List<ReferralRow> list(CurrentUser actor) {
        require(actor);
        List<ReferralRow> rows = jdbc.sql("""
                        SELECT * FROM partner_referral WHERE organization_id = ?
                        ORDER BY CASE status WHEN 'SENT' THEN 0 WHEN 'ACKNOWLEDGED' THEN 1 ELSE 2 END,
                                 acknowledge_by, id
                        LIMIT 200
                        """)
                .param(actor.organizationId())
                .query((rs, n) -> row(rs))
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(Routings.REFERRALS, null)
                .detail("results", rows.size())
                .build());
        return rows;
    }

    /** One referral with its summary decrypted; the read is audited. */
    @Transactional
    public Referral read(CurrentUser actor, UUID id) {
        require(actor);
        UUID organization = actor.organizationId();
        Referral referral = jdbc.sql("SELECT * FROM partner_referral WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> {
                    Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
                    return new Referral(
                            row(rs),
                            organizations
                                    .findById(rs.getObject("from_organization_id", UUID.class))
                                    .map(Organizations.Organization::name)
                                    .orElse(""),
                            open(organization, id, "summary", rs.getBytes("summary")),
                            rs.getString("outcome"),
                            open(organization, id, "outcome_note", rs.getBytes("outcome_note")),
                            acknowledged == null ? null : acknowledged.toInstant());
                })
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "referral.notFound"));
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), organization)
                .on(Routings.REFERRALS, id)
                .fields(List.of("summary", "outcome_note"))
                .build());
        return referral;
    }

    /** Acknowledges a referral if unchanged since {@code version}; the sender sees it at once. */
    @Transactional
    public void acknowledge(CurrentUser actor, UUID id, int version) {
        require(actor);
        Link link = link(actor, id);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        UPDATE partner_referral SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                            version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ? AND status = 'SENT'
                        """)
                .params(now, actor.id(), actor.organizationId(), id, version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "referral.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(Routings.REFERRALS, id)
                .fields(List.of("status"))
                .detail("status", "ACKNOWLEDGED")
                .build());
        OrganizationScope.enter(jdbc, link.sender());
        jdbc.sql("UPDATE routing SET status = 'ACKNOWLEDGED', acknowledged_at = ?, version = version + 1"
                        + " WHERE organization_id = ? AND id = ? AND status = 'SENT'")
                .params(now, link.sender(), link.routing())
                .update();
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    /**
     * Reports what came of a referral (acknowledging it too, if it was not yet), if unchanged since
     * {@code version}; the note is encrypted for the partner and, separately, for the sender.
     */
    @Transactional
    public void reportOutcome(CurrentUser actor, UUID id, int version, String outcome, String note) {
        require(actor);
        String code = RoutingCodes.outcome(outcome);
        String text = RoutingCodes.note(note);
        Link link = link(actor, id);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        UPDATE partner_referral SET status = 'OUTCOME_REPORTED', outcome = ?, outcome_note = ?, outcome_at = ?,
                            outcome_by = ?, acknowledged_at = coalesce(acknowledged_at, ?),
                            acknowledged_by = coalesce(acknowledged_by, ?), version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ? AND status IN ('SENT', 'ACKNOWLEDGED')
                        """)
                .params(
                        code,
                        seal(actor.organizationId(), Routings.REFERRALS, id, text),
                        now,
                        actor.id(),
                        now,
                        actor.id(),
                        actor.organizationId(),
                        id,
                        version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "referral.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(Routings.REFERRALS, id)
                .fields(List.of("status", "outcome", "outcome_note"))
                .detail("outcome", code)
                .build());
        OrganizationScope.enter(jdbc, link.sender());
        jdbc.sql("""
                        UPDATE routing SET status = 'OUTCOME_REPORTED', outcome = ?, outcome_note = ?, outcome_at = ?,
                            acknowledged_at = coalesce(acknowledged_at, ?), version = version + 1
                        WHERE organization_id = ? AND id = ? AND status IN ('SENT', 'ACKNOWLEDGED')
                        """)
                .params(
                        code,
                        seal(link.sender(), Routings.TABLE, link.routing(), text),
                        now,
                        now,
                        link.sender(),
                        link.routing())
                .update();
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    private record Link(UUID sender, UUID routing) {}

    private Link link(CurrentUser actor, UUID id) {
        return jdbc.sql(
                        "SELECT from_organization_id, routing_id FROM partner_referral WHERE organization_id = ? AND id = ?")
                .params(actor.organizationId(), id)
                .query((rs, n) -> new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "referral.notFound"));
    }

    private ReferralRow row(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        Instant deadline = rs.getTimestamp("acknowledge_by").toInstant();
        return new ReferralRow(
                rs.getObject("id", UUID.class),
                rs.getString("category"),
                rs.getString("urgency"),
                rs.getString("province"),
                status,
                rs.getTimestamp("received_at").toInstant(),
                deadline,
                "SENT".equals(status) && deadline.isBefore(clock.instant()),
                rs.getInt("version"));
    }

    private byte[] seal(UUID organization, String table, UUID id, String text) {
        return text == null
                ? null
                : cipher.seal(organization, new Cell(table, "outcome_note", id), text)
                        .bytes();
    }

    private String open(UUID organization, UUID id, String column, byte[] stored) {
        return stored == null
                ? null
                : cipher.open(
                        organization, new Cell(Routings.REFERRALS, column, id), EncryptedText.fromDatabase(stored));
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.REFERRAL_RECEIVE)) {
            throw new Refusal(Status.FORBIDDEN, "referral.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }
}
