package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.haven.cases.Vocabulary.Relationship;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Guardians, family and other contacts of the child of a case; names, phones and addresses encrypted. */
@Service
public class Relations {

    public record RelationInput(
            @NotBlank @Size(max = 40) String relationship,
            boolean guardian,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 40) String phone,
            @Size(max = 1_000) String address,
            @Size(max = 5_000) String notes) {}

    public record Relation(
            UUID id, String relationship, boolean guardian, String name, String phone, String address, String notes) {}

    static final String TABLE = "person_relation";
    static final List<String> ENCRYPTED = List.of("name", "phone", "address", "notes");

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseCipher cipher;
    private final CaseJournal journal;
    private final Clock clock;

    Relations(JdbcClient jdbc, CaseAccess access, CaseCipher cipher, CaseJournal journal, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.cipher = cipher;
        this.journal = journal;
        this.clock = clock;
    }

    @Transactional
    public UUID add(CurrentUser actor, UUID caseId, RelationInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        String relationship = Vocabulary.code(Relationship.class, input.relationship(), "relationship")
                .name();
        UUID id = Ids.next();
        UUID organization = file.organizationId();
        jdbc.sql("""
                        INSERT INTO person_relation (id, organization_id, person_id, relationship, guardian, name, phone,
                            address, notes, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        organization,
                        file.personId(),
                        relationship,
                        input.guardian(),
                        cipher.seal(organization, TABLE, "name", id, input.name()),
                        cipher.seal(organization, TABLE, "phone", id, input.phone()),
                        cipher.seal(organization, TABLE, "address", id, input.address()),
                        cipher.seal(organization, TABLE, "notes", id, input.notes()),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(actor, file, "RELATION_ADDED", TABLE, id, relationship);
        return id;
    }

    @Transactional
    public List<Relation> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        return jdbc.sql("SELECT * FROM person_relation WHERE organization_id = ? AND person_id = ? ORDER BY created_at")
                .params(organization, file.personId())
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Relation(
                            id,
                            rs.getString("relationship"),
                            rs.getBoolean("guardian"),
                            cipher.open(organization, TABLE, "name", id, rs.getBytes("name")),
                            cipher.open(organization, TABLE, "phone", id, rs.getBytes("phone")),
                            cipher.open(organization, TABLE, "address", id, rs.getBytes("address")),
                            cipher.open(organization, TABLE, "notes", id, rs.getBytes("notes")));
                })
                .list();
    }
}
