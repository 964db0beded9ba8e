package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Case notes, encrypted: contacts, home visits, phone calls, court, medical. A contact dates the case's last contact. */
@Service
public class CaseNotes {

    public record NoteInput(
            @NotBlank @Pattern(regexp = "CONTACT|HOME_VISIT|PHONE_CALL|COURT|MEDICAL|OTHER")
            String kind,

            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}")
            String happenedOn,

            @NotBlank @Size(max = 20_000) String body) {}

    public record Note(UUID id, String kind, LocalDate happenedOn, String body, UUID authorId, Instant createdAt) {}

    static final String TABLE = "case_note";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final CaseJournal journal;
    private final AuditTrail audit;
    private final Clock clock;

    CaseNotes(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            CaseJournal journal,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.journal = journal;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID add(CurrentUser actor, UUID caseId, NoteInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        LocalDate happened = CaseDetailsMapping.date(input.happenedOn());
        UUID id = Ids.next();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO case_note (id, organization_id, case_id, kind, happened_on, body, author_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        file.organizationId(),
                        caseId,
                        input.kind(),
                        happened,
                        cipher.seal(file.organizationId(), TABLE, "body", id, input.body()),
                        actor.id(),
                        Timestamp.from(now))
                .update();
        journal.created(actor, file, "NOTE_" + input.kind(), TABLE, id, null);
        if (!input.kind().equals("OTHER") && !input.kind().equals("COURT")) {
            file.lastContactAt = now;
            file.updatedAt = now;
            files.update(file);
        }
        return id;
    }

    /** Newest first. */
    @Transactional
    public List<Note> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        List<Note> notes = latest(organization, caseId, Integer.MAX_VALUE);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), organization)
                .on(TABLE, null)
                .detail("case", caseId.toString())
                .detail("results", notes.size())
                .build());
        return notes;
    }
    /** The {@code limit} latest notes, newest first, without auditing: callers audit what they do with them. */
    List<Note> latest(UUID organization, UUID caseId, int limit) {
        return jdbc.sql("SELECT * FROM case_note WHERE organization_id = ? AND case_id = ?"
                        + " ORDER BY happened_on DESC, created_at DESC LIMIT ?")
                .params(organization, caseId, limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Note(
                            id,
                            rs.getString("kind"),
                            rs.getObject("happened_on", LocalDate.class),
                            cipher.open(organization, TABLE, "body", id, rs.getBytes("body")),
                            rs.getObject("author_id", UUID.class),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }
}
