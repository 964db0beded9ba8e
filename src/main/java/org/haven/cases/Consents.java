package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent and assent: what was agreed (services, sharing with named organizations or service types,
 * de-identified statistics, story publication), by whom, how, until when, and withdrawals. Actions
 * that need consent ask {@link #require}; without it only a supervisor's written override lets them
 * through, and that is audited.
 */
@Service
public class Consents {

    public enum Purpose {
        SERVICES,
        SHARING,
        STATISTICS,
        STORY
    }

    /** Consent as recorded. {@code givenBy} is CHILD (assent) or GUARDIAN. */
    public record ConsentInput(
            @NotBlank @Pattern(regexp = "SERVICES|SHARING|STATISTICS|STORY")
            String purpose,

            @Size(max = 500) String sharedWith,
            @NotBlank @Pattern(regexp = "CHILD|GUARDIAN") String givenBy,
            @Size(max = 200) String giverName,

            @NotBlank @Pattern(regexp = "SIGNED_PAPER|VERBAL_WITH_WITNESS")
            String method,

            @Size(max = 200) String witness,

            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}")
            String givenOn,

            @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String expiresOn) {}

    public record Consent(
            UUID id,
            String purpose,
            String sharedWith,
            String givenBy,
            String giverName,
            String method,
            String witness,
            LocalDate givenOn,
            LocalDate expiresOn,
            LocalDate withdrawnOn,
            boolean active) {}

    static final String TABLE = "case_consent";
    static final List<String> ENCRYPTED = List.of("shared_with", "giver_name", "witness");

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseCipher cipher;
    private final Timeline timeline;
    private final CaseJournal journal;
    private final AuditTrail audit;
    private final Clock clock;

    Consents(
            JdbcClient jdbc,
            CaseAccess access,
            CaseCipher cipher,
            Timeline timeline,
            CaseJournal journal,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.cipher = cipher;
        this.timeline = timeline;
        this.journal = journal;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID record(CurrentUser actor, UUID caseId, ConsentInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        if (input.method().equals("VERBAL_WITH_WITNESS")
                && (input.witness() == null || input.witness().isBlank())) {
            throw new Refusal(Status.UNPROCESSABLE, "consent.witness.required");
        }
        if (input.purpose().equals("SHARING")
                && (input.sharedWith() == null || input.sharedWith().isBlank())) {
            throw new Refusal(Status.UNPROCESSABLE, "consent.sharedWith.required");
        }
        LocalDate given = CaseDetailsMapping.date(input.givenOn());
        LocalDate expires =
                input.expiresOn() == null || input.expiresOn().isBlank() ? null : LocalDate.parse(input.expiresOn());
        if (expires != null && !expires.isAfter(given)) {
            throw new Refusal(Status.UNPROCESSABLE, "consent.expiry.beforeGiven");
        }
        UUID id = Ids.next();
        UUID organization = file.organizationId();
        jdbc.sql("""
                        INSERT INTO case_consent (id, organization_id, case_id, purpose, shared_with, given_by, giver_name,
                            method, witness, given_on, expires_on, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        organization,
                        caseId,
                        input.purpose(),
                        cipher.seal(organization, TABLE, "shared_with", id, input.sharedWith()),
                        input.givenBy(),
                        cipher.seal(organization, TABLE, "giver_name", id, input.giverName()),
                        input.method(),
                        cipher.seal(organization, TABLE, "witness", id, input.witness()),
                        given,
                        expires,
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(
                actor,
                file,
                "CONSENT_RECORDED",
                TABLE,
                id,
                input.purpose() + "/" + input.givenBy(),
                "purpose",
                input.purpose());
        return id;
    }

    /** Records that consent was withdrawn on {@code day}; from then on it counts no more. */
    @Transactional
    public void withdraw(CurrentUser actor, UUID caseId, UUID consentId, LocalDate day) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        int changed = jdbc.sql("UPDATE case_consent SET withdrawn_on = ?, withdrawn_by = ? WHERE organization_id = ?"
                        + " AND case_id = ? AND id = ? AND withdrawn_on IS NULL")
                .params(day == null ? LocalDate.now(clock) : day, actor.id(), file.organizationId(), caseId, consentId)
                .update();
        if (changed != 1) {
            throw new Refusal(Status.NOT_FOUND, "consent.notFound");
        }
        journal.changed(actor, file, "CONSENT_WITHDRAWN", TABLE, consentId, List.of("withdrawn_on"), null);
    }

    @Transactional
    public List<Consent> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        return list(file.organizationId(), caseId);
    }

    List<Consent> list(UUID organization, UUID caseId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(
                        "SELECT * FROM case_consent WHERE organization_id = ? AND case_id = ? ORDER BY given_on, recorded_at")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    LocalDate given = rs.getObject("given_on", LocalDate.class);
                    LocalDate expires = rs.getObject("expires_on", LocalDate.class);
                    LocalDate withdrawn = rs.getObject("withdrawn_on", LocalDate.class);
                    boolean active = !given.isAfter(today)
                            && (expires == null || !expires.isBefore(today))
                            && (withdrawn == null || withdrawn.isAfter(today));
                    return new Consent(
                            id,
                            rs.getString("purpose"),
                            cipher.open(organization, TABLE, "shared_with", id, rs.getBytes("shared_with")),
                            rs.getString("given_by"),
                            cipher.open(organization, TABLE, "giver_name", id, rs.getBytes("giver_name")),
                            rs.getString("method"),
                            cipher.open(organization, TABLE, "witness", id, rs.getBytes("witness")),
                            given,
                            expires,
                            withdrawn,
                            active);
                })
                .list();
    }

    /**
     * Lets an action that needs consent for {@code purpose} go ahead: with active consent, or with a
     * supervisor's written {@code override} (recorded on the timeline and audited). Refuses otherwise.
     */
    void require(CurrentUser actor, CaseFile file, Purpose purpose, String override) {
        boolean given = list(file.organizationId(), file.id()).stream()
                .anyMatch(c -> c.active() && c.purpose().equals(purpose.name()));
        if (given) {
            return;
        }
        if (override == null || override.isBlank()) {
            throw new Refusal(
                    Status.CONFLICT,
                    "consent.missing",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(
                            "code.Purpose." + purpose.name()));
        }
        if (!actor.can(Permission.CASE_APPROVE)) {
            throw new Refusal(Status.FORBIDDEN, "consent.override.supervisor");
        }
        if (override.strip().length() < 10) {
            throw new Refusal(Status.UNPROCESSABLE, "consent.override.reason");
        }
        timeline.add(file.organizationId(), file.id(), "CONSENT_OVERRIDDEN", actor.id(), null, purpose.name());
        audit.record(AuditEntry.of(AuditAction.CONSENT_OVERRIDE)
                .by(actor.id(), file.organizationId())
                .on(CaseFile.TABLE, file.id())
                .detail("purpose", purpose.name())
                .detail("reason", override.strip())
                .build());
    }
}
