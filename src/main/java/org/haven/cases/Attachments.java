package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.files.Accepted;
import org.haven.cases.files.UploadRefused;
import org.haven.cases.files.Uploads;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files attached to a case (signed consent forms, medical letters, court papers): accepted by the
 * type their bytes show, image metadata (Exif, GPS) stripped, encrypted at rest with the file name,
 * and handed out only to someone who reaches the case, each download audited.
 */
@Service
public class Attachments {

    public enum Kind {
        CONSENT_FORM,
        MEDICAL,
        LEGAL,
        IDENTITY_DOCUMENT,
        PHOTO,
        OTHER
    }

    public record Attachment(
            UUID id, String kind, String mediaType, String fileName, int size, UUID uploadedBy, Instant uploadedAt) {}

    /** A file to hand out, with the name and type to send it under. */
    public record Download(String fileName, String mediaType, byte[] content) {}

    static final String TABLE = "case_attachment";

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseCipher cipher;
    private final FieldCipher bytes;
    private final CaseJournal journal;
    private final AuditTrail audit;
    private final Clock clock;
    private final Uploads uploads = new Uploads();

    Attachments(
            JdbcClient jdbc,
            CaseAccess access,
            CaseCipher cipher,
            FieldCipher bytes,
            CaseJournal journal,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.cipher = cipher;
        this.bytes = bytes;
        this.journal = journal;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID attach(CurrentUser actor, UUID caseId, String kind, String claimedName, byte[] content) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        Kind checked = Vocabulary.code(Kind.class, kind, "kind");
        Accepted accepted;
        try {
            accepted = uploads.accept(content, claimedName);
        } catch (UploadRefused refused) {
            throw new Refusal(
                    Status.UNPROCESSABLE,
                    "attachment.refused." + refused.reason().name());
        }
        UUID id = Ids.next();
        UUID organization = file.organizationId();
        jdbc.sql("""
                        INSERT INTO case_attachment (id, organization_id, case_id, kind, media_type, file_name, size_bytes,
                            content, uploaded_by, uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        organization,
                        caseId,
                        checked.name(),
                        accepted.inspected().type().mediaType(),
                        cipher.seal(
                                organization,
                                TABLE,
                                "file_name",
                                id,
                                accepted.inspected().fileName()),
                        accepted.content().length,
                        bytes.sealBytes(organization, new Cell(TABLE, "content", id), accepted.content()),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(
                actor,
                file,
                "ATTACHED",
                TABLE,
                id,
                checked.name(),
                "type",
                accepted.inspected().type().name());
        return id;
    }

    @Transactional
    public List<Attachment> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        return jdbc.sql(
                        "SELECT id, kind, media_type, file_name, size_bytes, uploaded_by, uploaded_at FROM case_attachment"
                                + " WHERE organization_id = ? AND case_id = ? ORDER BY uploaded_at")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Attachment(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            cipher.open(organization, TABLE, "file_name", id, rs.getBytes(4)),
                            rs.getInt(5),
                            rs.getObject(6, UUID.class),
                            rs.getTimestamp(7).toInstant());
                })
                .list();
    }

    /** The file, if the actor reaches its case; the download is audited. */
    @Transactional
    public Download download(CurrentUser actor, UUID caseId, UUID attachmentId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        Download download = jdbc.sql("SELECT media_type, file_name, content FROM case_attachment"
                        + " WHERE organization_id = ? AND case_id = ? AND id = ?")
                .params(organization, caseId, attachmentId)
                .query((rs, n) -> new Download(
                        cipher.open(organization, TABLE, "file_name", attachmentId, rs.getBytes(2)),
                        rs.getString(1),
                        bytes.openBytes(organization, new Cell(TABLE, "content", attachmentId), rs.getBytes(3))))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "attachment.notFound"));
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), organization)
                .on(TABLE, attachmentId)
                .fields(List.of("content"))
                .detail("case", caseId.toString())
                .build());
        return download;
    }
}
