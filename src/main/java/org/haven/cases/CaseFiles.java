package org.haven.cases;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.platform.RoundTrip;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code case_file} rows; every write checks the version it was read at. */
@Repository
class CaseFiles {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CaseCipher cipher;

    CaseFiles(JdbcClient jdbc, JdbcTemplate template, CaseCipher cipher) {
        this.jdbc = jdbc;
        this.template = template;
        this.cipher = cipher;
    }

    Optional<CaseFile> find(UUID organization, UUID id) {
        return jdbc.sql("SELECT * FROM case_file WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** A case and its person, or no person where the reader may not open it. */
    record WithPerson(CaseFile file, PersonView person) {}

    private static final String WITH_PERSON = "SELECT c.*, " + People.joinedColumns("p")
            + " FROM case_file c JOIN person p ON p.organization_id = c.organization_id AND p.id = c.person_id"
            + " WHERE c.organization_id = ? AND c.id = ?";

    /**
     * The case and its person in one statement; the person is decrypted only if {@code opens} accepts
     * the case, so that a case about to be refused reveals nothing even in memory.
     */
    Optional<WithPerson> findWithPerson(
            UUID organization, UUID id, Predicate<CaseFile> opens, RowMapper<PersonView> person) {
        return findWithPerson(List.of(), organization, id, opens, person);
    }

    /** {@link #findWithPerson} after {@code first} (such as the organization's scope), in one round trip. */
    Optional<WithPerson> findWithPerson(
            List<RoundTrip.Statement> first,
            UUID organization,
            UUID id,
            Predicate<CaseFile> opens,
            RowMapper<PersonView> person) {
        List<RoundTrip.Statement> statements = new ArrayList<>(first);
        statements.add(RoundTrip.Statement.of(WITH_PERSON, organization, id));
        return RoundTrip.run(
                        template,
                        (rs, n) -> {
                            CaseFile file = map(rs);
                            return new WithPerson(file, opens.test(file) ? person.mapRow(rs, n) : null);
                        },
                        statements)
                .rows()
                .stream()
                .findFirst();
    }

    /** The person's most recently opened case, if any. */
    Optional<CaseFile> latestOf(UUID organization, UUID person) {
        return jdbc.sql("SELECT * FROM case_file WHERE organization_id = ? AND person_id = ?"
                        + " ORDER BY opened_at DESC LIMIT 1")
                .params(organization, person)
                .query((rs, n) -> map(rs))
                .optional();
    }

    Optional<UUID> idOf(UUID organization, String reference) {
        return jdbc.sql("SELECT id FROM case_file WHERE organization_id = ? AND reference = ?")
                .params(organization, reference.strip().toUpperCase(java.util.Locale.ROOT))
                .query(UUID.class)
                .optional();
    }

    /** The next reference of the year in this organization, such as C-2026-0007. */
    String nextReference(UUID organization, int year) {
        int number =
                jdbc.sql("""
                        INSERT INTO case_counter (organization_id, year, last_number) VALUES (?, ?, 1)
                        ON CONFLICT (organization_id, year) DO UPDATE SET last_number = case_counter.last_number + 1
                        RETURNING last_number
                        """).params(organization, year).query(Integer.class).single();
        return reference(year, number);
    }

    /** A case's reference: C-{year}-{number, at least four digits}. */
    static String reference(int year, int number) {
        String digits = Integer.toString(number);
        return "C-" + year + "-" + "0".repeat(Math.max(0, 4 - digits.length())) + digits;
    }

    void insert(CaseFile c) {
        jdbc.sql("""
                        INSERT INTO case_file (id, organization_id, person_id, reference, stage, risk_level, team_id,
                            caseworker_id, trafficking_status, status_decided_by, exploitation_types,
                            sexual_exploitation, means_of_control, recruiter_relation, exploitation_country,
                            exploitation_province, exploitation_from, exploitation_to, exploitation_places, summary,
                            plan_status, opened_at, created_by, updated_at)
                        VALUES (:id, :organization, :person, :reference, :stage, :risk, :team, :caseworker, :status,
                            :decided_by, :types, :sexual, :means, :recruiter, :country, :province, :from, :to,
                            :places, :summary, :plan_status, :opened, :created_by, :updated)
                        """)
                .params(params(c))
                .param("person", c.personId())
                .param("reference", c.reference())
                .param("opened", Timestamp.from(c.openedAt()))
                .param("created_by", c.createdBy())
                .update();
    }

    private static final String UPDATE = """
            UPDATE case_file SET stage = :stage, risk_level = :risk, team_id = :team,
                caseworker_id = :caseworker, trafficking_status = :status, status_decided_by = :decided_by,
                exploitation_types = :types, sexual_exploitation = :sexual, means_of_control = :means,
                recruiter_relation = :recruiter, exploitation_country = :country,
                exploitation_province = :province, exploitation_from = :from, exploitation_to = :to,
                exploitation_places = :places, summary = :summary, plan_status = :plan_status,
                plan_approved_by = :plan_by, plan_approved_at = :plan_at,
                closure_requested_by = :closure_by, closure_requested_at = :closure_at,
                closure_reason = :closure_reason, reintegrated_on = :reintegrated, closed_at = :closed,
                last_contact_at = :last_contact, updated_at = :updated, version = version + 1
            WHERE organization_id = :organization AND id = :id AND version = :version
            """;

    /** Writes every changeable column if the row is still at {@code c.version()}; refuses a stale write. */
    CaseFile update(CaseFile c) {
        // RETURNING: the row as saved (new version) without reading it again.
        java.util.Optional<CaseFile> updated = jdbc.sql(UPDATE + "RETURNING *")
                .params(updateParams(c))
                .query((rs, n) -> map(rs))
                .optional();
        return updated.orElseThrow(CaseFiles::stale);
    }

    /**
     * {@link #update} with the statements that go with it (the timeline, the audit event), all in one
     * round trip (decision 42). The case as saved is the one written at the next version, so it is not
     * read back; a stale write is refused, and the caller's transaction undoes the statements sent with it.
     */
    CaseFile update(CaseFile c, List<RoundTrip.Statement> alongside) {
        List<RoundTrip.Statement> statements = new ArrayList<>(alongside.size() + 1);
        statements.add(RoundTrip.Statement.named(UPDATE, updateParams(c)));
        statements.addAll(alongside);
        if (RoundTrip.write(template, statements)[0] != 1) {
            throw stale();
        }
        return c.saved();
    }

    private static Refusal stale() {
        return new Refusal(Status.PRECONDITION_FAILED, "case.stale");
    }

    private Map<String, Object> updateParams(CaseFile c) {
        Map<String, Object> params = params(c);
        params.put("plan_by", c.planApprovedBy());
        params.put("plan_at", timestamp(c.planApprovedAt()));
        params.put("closure_by", c.closureRequestedBy());
        params.put("closure_at", timestamp(c.closureRequestedAt()));
        params.put("closure_reason", seal(c, "closure_reason", c.closureReason()));
        params.put("reintegrated", c.reintegratedOn());
        params.put("closed", timestamp(c.closedAt()));
        params.put("last_contact", timestamp(c.lastContactAt()));
        params.put("version", c.version());
        return params;
    }

    private Map<String, Object> params(CaseFile c) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", c.id());
        params.put("organization", c.organizationId());
        params.put("stage", c.stage().name());
        params.put("risk", c.risk().name());
        params.put("team", c.teamId());
        params.put("caseworker", c.caseworkerId());
        params.put("status", c.traffickingStatus());
        params.put("decided_by", c.statusDecidedBy());
        params.put("types", c.exploitationTypes().toArray(String[]::new));
        params.put("sexual", c.sexualExploitation().toArray(String[]::new));
        params.put("means", c.meansOfControl().toArray(String[]::new));
        params.put("recruiter", c.recruiterRelation());
        params.put("country", c.exploitationCountry());
        params.put("province", c.exploitationProvince());
        params.put("from", c.exploitationFrom());
        params.put("to", c.exploitationTo());
        params.put("places", seal(c, "exploitation_places", c.exploitationPlaces()));
        params.put("summary", seal(c, "summary", c.summary()));
        params.put("plan_status", c.planStatus());
        params.put("updated", timestamp(c.updatedAt()));
        return params;
    }

    private byte[] seal(CaseFile c, String column, String value) {
        return cipher.seal(c.organizationId(), CaseFile.TABLE, column, c.id(), value);
    }

    private CaseFile map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID organization = rs.getObject("organization_id", UUID.class);
        return new CaseFile(
                id,
                organization,
                rs.getObject("person_id", UUID.class),
                rs.getString("reference"),
                CaseStage.valueOf(rs.getString("stage")),
                RiskLevel.valueOf(rs.getString("risk_level")),
                rs.getObject("team_id", UUID.class),
                rs.getObject("caseworker_id", UUID.class),
                rs.getString("trafficking_status"),
                rs.getString("status_decided_by"),
                strings(rs.getArray("exploitation_types")),
                strings(rs.getArray("sexual_exploitation")),
                strings(rs.getArray("means_of_control")),
                rs.getString("recruiter_relation"),
                rs.getString("exploitation_country"),
                rs.getString("exploitation_province"),
                rs.getObject("exploitation_from", LocalDate.class),
                rs.getObject("exploitation_to", LocalDate.class),
                open(organization, id, "exploitation_places", rs),
                open(organization, id, "summary", rs),
                rs.getString("plan_status"),
                rs.getObject("plan_approved_by", UUID.class),
                instant(rs.getTimestamp("plan_approved_at")),
                rs.getObject("closure_requested_by", UUID.class),
                instant(rs.getTimestamp("closure_requested_at")),
                open(organization, id, "closure_reason", rs),
                rs.getObject("reintegrated_on", LocalDate.class),
                instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("closed_at")),
                instant(rs.getTimestamp("last_contact_at")),
                rs.getObject("created_by", UUID.class),
                instant(rs.getTimestamp("updated_at")),
                rs.getInt("version"));
    }

    private String open(UUID organization, UUID id, String column, ResultSet rs) throws SQLException {
        return cipher.open(organization, CaseFile.TABLE, column, id, rs.getBytes(column));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
