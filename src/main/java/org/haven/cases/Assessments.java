package org.haven.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standard assessment: each domain rated from 0 (no concern) to 3 (severe), giving the risk
 * level and the list of needs the care plan answers. The ratings stay readable for trends; the
 * notes and the HIV/STI answers are encrypted. The case takes the risk level of its latest one.
 */
@Service
public class Assessments {

    public enum Domain {
        SAFETY,
        HEALTH,
        SEXUAL_HEALTH,
        SUBSTANCE_USE,
        MENTAL_HEALTH,
        FAMILY,
        EDUCATION,
        LEGAL,
        LIVELIHOOD
    }

    /**
     * @param kind INITIAL or REVIEW
     * @param ratings a 0–3 rating for every domain
     * @param notes what was observed, per domain (encrypted)
     * @param hivTest NOT_DONE, PENDING, NEGATIVE or POSITIVE (encrypted)
     * @param stiTreatment NOT_NEEDED, NEEDED, IN_TREATMENT or COMPLETED (encrypted)
     */
    public record AssessmentInput(
            @NotBlank @Pattern(regexp = "INITIAL|REVIEW") String kind,

            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}")
            String assessedOn,

            @NotNull Map<String, Integer> ratings,
            Map<String, @Size(max = 5_000) String> notes,

            @Pattern(regexp = "|NOT_DONE|PENDING|NEGATIVE|POSITIVE")
            String hivTest,

            @Pattern(regexp = "|NOT_NEEDED|NEEDED|IN_TREATMENT|COMPLETED")
            String stiTreatment) {}

    public record Assessment(
            UUID id,
            String kind,
            LocalDate assessedOn,
            UUID assessedBy,
            Map<String, Integer> ratings,
            String riskLevel,
            List<String> needs,
            Map<String, String> notes,
            String hivTest,
            String stiTreatment) {}

    static final String TABLE = "case_assessment";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseFiles files;
    private final CaseCipher cipher;
    private final Timeline timeline;
    private final CaseJournal journal;
    private final Clock clock;

    Assessments(
            JdbcClient jdbc,
            CaseAccess access,
            CaseFiles files,
            CaseCipher cipher,
            Timeline timeline,
            CaseJournal journal,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.cipher = cipher;
        this.timeline = timeline;
        this.journal = journal;
        this.clock = clock;
    }

    /** Records an assessment and sets the case's risk level to the one it gives. */
    @Transactional
    public Assessment record(CurrentUser actor, UUID caseId, AssessmentInput input) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_WRITE);
        Map<Domain, Integer> ratings = ratings(input.ratings());
        RiskLevel risk = risk(ratings);
        List<String> needs = needs(ratings);
        LocalDate on = CaseDetailsMapping.date(input.assessedOn());
        UUID id = Ids.next();
        UUID organization = file.organizationId();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("notes", input.notes() == null ? Map.of() : input.notes());
        details.put("hivTest", input.hivTest());
        details.put("stiTreatment", input.stiTreatment());
        jdbc.sql("""
                        INSERT INTO case_assessment (id, organization_id, case_id, kind, ratings, risk_level, needs, details,
                            assessed_on, assessed_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        organization,
                        caseId,
                        input.kind(),
                        JSON.writeValueAsString(ratings),
                        risk.name(),
                        needs.toArray(String[]::new),
                        cipher.seal(organization, TABLE, "details", id, JSON.writeValueAsString(details)),
                        on,
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        journal.created(actor, file, "ASSESSED", TABLE, id, input.kind() + "/" + risk, "risk", risk.name());
        if (file.risk() != risk) {
            timeline.add(organization, caseId, "RISK_CHANGED", actor.id(), id, file.risk() + ">" + risk);
            file.risk = risk;
            file.updatedAt = clock.instant();
            files.update(file);
        }
        return list(organization, caseId).stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Transactional
    public List<Assessment> of(CurrentUser actor, UUID caseId) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        return list(file.organizationId(), caseId);
    }

    /** Oldest first, so a list shows change over time. */
    List<Assessment> list(UUID organization, UUID caseId) {
        return jdbc.sql("SELECT * FROM case_assessment WHERE organization_id = ? AND case_id = ?"
                        + " ORDER BY assessed_on, recorded_at")
                .params(organization, caseId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Map<String, Object> details = JSON.readValue(
                            cipher.open(organization, TABLE, "details", id, rs.getBytes("details")),
                            new TypeReference<Map<String, Object>>() {});
                    @SuppressWarnings("unchecked")
                    Map<String, String> notes = (Map<String, String>) details.getOrDefault("notes", Map.of());
                    return new Assessment(
                            id,
                            rs.getString("kind"),
                            rs.getObject("assessed_on", LocalDate.class),
                            rs.getObject("assessed_by", UUID.class),
                            JSON.readValue(
                                    rs.getString("ratings"), new TypeReference<LinkedHashMap<String, Integer>>() {}),
                            rs.getString("risk_level"),
                            CaseFiles.strings(rs.getArray("needs")),
                            notes,
                            (String) details.get("hivTest"),
                            (String) details.get("stiTreatment"));
                })
                .list();
    }

    boolean any(UUID organization, UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM case_assessment WHERE organization_id = ? AND case_id = ?")
                        .params(organization, caseId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static Map<Domain, Integer> ratings(Map<String, Integer> typed) {
        Map<Domain, Integer> ratings = new EnumMap<>(Domain.class);
        typed.forEach((domain, rating) -> {
            Domain d = Vocabulary.code(Domain.class, domain, "ratings");
            if (rating == null || rating < 0 || rating > 3) {
                throw new Refusal(Status.UNPROCESSABLE, "assessment.rating.invalid");
            }
            ratings.put(d, rating);
        });
        if (ratings.size() != Domain.values().length) {
            throw new Refusal(Status.UNPROCESSABLE, "assessment.rating.missing");
        }
        return ratings;
    }

    /**
     * Critical when safety is severe or two domains are; high when any domain is severe or safety a
     * moderate concern; medium when any domain is a moderate concern; low otherwise.
     */
    static RiskLevel risk(Map<Domain, Integer> ratings) {
        long severe = ratings.values().stream().filter(r -> r == 3).count();
        int safety = ratings.get(Domain.SAFETY);
        if (safety == 3 || severe >= 2) {
            return RiskLevel.CRITICAL;
        }
        if (severe == 1 || safety == 2) {
            return RiskLevel.HIGH;
        }
        return ratings.values().stream().anyMatch(r -> r == 2) ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** The domains rated a moderate or severe concern, most severe first. */
    static List<String> needs(Map<Domain, Integer> ratings) {
        return ratings.entrySet().stream()
                .filter(e -> e.getValue() >= 2)
                .sorted((a, b) -> b.getValue() - a.getValue())
                .map(e -> e.getKey().name())
                .toList();
    }
}
