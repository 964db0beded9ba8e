package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Assessments.Domain;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.platform.BulkRows;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.vault.BlindIndex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes many finished case histories at once (synthetic data, migrations from other systems): the
 * same rows the services write one by one — person with its ciphertext and blind-index tokens
 * ({@link People}'s own normalization, sealing and tokens), case file, timeline, consents,
 * assessments, notes, follow-ups — and a RECORD_CREATED audit event for every record, but with one
 * statement per table for the whole batch and no duplicate search. The caller vouches that each
 * history is one the workflow allows ({@link CaseStage}, {@link StageRules}).
 */
@Component
public class BulkCases {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An assessment: a 0–3 rating for every {@link Assessments.Domain} and notes per domain. */
    public record Assessment(
            String kind, LocalDate on, Map<String, Integer> ratings, Map<String, String> notes, String hivTest) {}

    /** A case note of a {@link Vocabulary.NoteKind}. */
    public record Note(String kind, LocalDate on, String body) {}

    /** A planned follow-up; {@code doneOn} null while it is still due. */
    public record FollowUp(int monthsAfter, LocalDate doneOn, String exploitation, String notes) {}

    /**
     * One case history. The stage must be reachable with what the history holds: an assessment from
     * CARE_PLAN on, an approved plan and consent to services from SERVICES on, a reintegration date from
     * FOLLOW_UP on, a closure reason for CLOSED.
     */
    public record History(
            PersonInput child,
            CaseStage stage,
            List<CaseStage> path,
            UUID caseworker,
            UUID team,
            UUID supervisor,
            Instant openedAt,
            String summary,
            List<String> exploitationTypes,
            String exploitationProvince,
            List<Assessment> assessments,
            List<Note> notes,
            boolean consentToServices,
            LocalDate reintegratedOn,
            List<FollowUp> followUps,
            String closureReason,
            Instant endedAt) {}

    private final JdbcClient jdbc;
    private final People people;
    private final CaseCipher cipher;
    private final AuditTrail audit;

    BulkCases(JdbcClient jdbc, People people, CaseCipher cipher, AuditTrail audit) {
        this.jdbc = jdbc;
        this.people = people;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * Reserves {@code count} case references of {@code year} in the organization (its own short
     * transaction, so parallel loads do not wait on the counter); returns the first number.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public int reserveReferences(UUID organization, int year, int count) {
        OrganizationScope.enter(jdbc, organization);
        int last = jdbc.sql("""
                        INSERT INTO case_counter (organization_id, year, last_number) VALUES (?, ?, ?)
                        ON CONFLICT (organization_id, year) DO UPDATE SET last_number = case_counter.last_number + ?
                        RETURNING last_number
                        """)
                .params(organization, year, count, count)
                .query(Integer.class)
                .single();
        return last - count + 1;
    }

    /**
     * Writes the histories with references C-{year}-{firstNumber…} in order; returns the case ids.
     * Sealing (the costly part) runs on {@code parallelism} threads.
     */
    @Transactional
    public List<UUID> load(UUID organization, int year, int firstNumber, List<History> histories) {
        OrganizationScope.enter(jdbc, organization);
        List<Rows> prepared = java.util.stream.IntStream.range(0, histories.size())
                .parallel()
                .mapToObj(i -> prepare(organization, "C-%d-%04d".formatted(year, firstNumber + i), histories.get(i)))
                .toList();
        Tables tables = new Tables();
        List<AuditEntry> events = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Rows rows : prepared) {
            rows.into(tables);
            events.addAll(rows.events);
            ids.add(rows.caseId);
        }
        tables.person.insert(jdbc);
        tables.tokens.insert(jdbc);
        tables.cases.insert(jdbc);
        tables.consents.insert(jdbc);
        tables.assessments.insert(jdbc);
        tables.notes.insert(jdbc);
        tables.followUps.insert(jdbc);
        tables.timeline.insert(jdbc);
        audit.recordAll(events);
        return ids;
    }

    /** The rows of one history, sealed. */
    private final class Rows {
        final UUID caseId = Ids.next();
        final List<Object[]> person = new ArrayList<>();
        final List<Object[]> tokens = new ArrayList<>();
        final List<Object[]> cases = new ArrayList<>();
        final List<Object[]> consents = new ArrayList<>();
        final List<Object[]> assessments = new ArrayList<>();
        final List<Object[]> notes = new ArrayList<>();
        final List<Object[]> followUps = new ArrayList<>();
        final List<Object[]> timeline = new ArrayList<>();
        final List<AuditEntry> events = new ArrayList<>();

        void into(Tables t) {
            person.forEach(t.person::add);
            tokens.forEach(t.tokens::add);
            cases.forEach(t.cases::add);
            consents.forEach(t.consents::add);
            assessments.forEach(t.assessments::add);
            notes.forEach(t.notes::add);
            followUps.forEach(t.followUps::add);
            timeline.forEach(t.timeline::add);
        }
    }

    private Rows prepare(UUID organization, String reference, History h) {
        Rows rows = new Rows();
        UUID caseId = rows.caseId;
        UUID personId = Ids.next();
        UUID worker = h.caseworker();
        Instant opened = h.openedAt();
        Map<String, String> values = People.normalized(h.child(), null);
        Map<String, Object> sealed = people.sealed(organization, personId, values);
        Map<String, Object> plain = People.plainColumns(values);
        rows.person.add(new Object[] {
            personId,
            organization,
            sealed.get("name"),
            sealed.get("name_khmer"),
            sealed.get("aliases"),
            plain.get("sex"),
            sealed.get("birth_date"),
            sealed.get("phone"),
            sealed.get("narrative"),
            sealed.get("address"),
            plain.get("gender"),
            plain.get("estimated_age"),
            plain.get("age_recorded") == null ? null : plain.get("age_recorded").toString(),
            plain.get("nationality"),
            List.of((String[]) plain.get("languages")),
            plain.get("province"),
            worker,
            opened,
            opened
        });
        for (Long token : BlindIndex.values(people.tokensOf(organization, values))) {
            rows.tokens.add(new Object[] {organization, token, personId});
        }
        rows.events.add(created(worker, organization, People.TABLE, personId, People.present(values)));

        Timeline line = new Timeline(rows, organization, caseId);
        line.add(opened, "OPENED", worker, null, null);
        AuditEntry.Builder caseCreated = AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(worker, organization)
                .on(CaseFile.TABLE, caseId)
                .fields(List.of("summary", "exploitation_types", "exploitation_province"))
                .detail("possibleDuplicatesIgnored", 0);
        rows.events.add(caseCreated.build());

        RiskLevel risk = RiskLevel.MEDIUM;
        for (Assessment a : h.assessments()) {
            UUID id = Ids.next();
            Map<Domain, Integer> ratings = new EnumMap<>(Domain.class);
            a.ratings().forEach((domain, rating) -> ratings.put(Domain.valueOf(domain), rating));
            RiskLevel level = Assessments.risk(ratings);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("notes", a.notes());
            details.put("hivTest", a.hivTest());
            details.put("stiTreatment", null);
            Instant at = at(a.on());
            rows.assessments.add(new Object[] {
                id,
                organization,
                caseId,
                a.kind(),
                JSON.writeValueAsString(ratings),
                level.name(),
                Assessments.needs(ratings),
                cipher.seal(organization, Assessments.TABLE, "details", id, JSON.writeValueAsString(details)),
                a.on(),
                worker,
                at
            });
            journal(
                    rows,
                    line,
                    worker,
                    organization,
                    caseId,
                    at,
                    "ASSESSED",
                    Assessments.TABLE,
                    id,
                    a.kind() + "/" + level);
            if (level != risk) {
                line.add(at, "RISK_CHANGED", worker, id, risk + ">" + level);
                risk = level;
            }
        }
        if (h.consentToServices()) {
            UUID id = Ids.next();
            LocalDate on = h.assessments().isEmpty()
                    ? date(opened)
                    : h.assessments().get(0).on();
            Instant at = at(on);
            rows.consents.add(
                    new Object[] {id, organization, caseId, "SERVICES", "GUARDIAN", "SIGNED_PAPER", on, worker, at});
            journal(
                    rows,
                    line,
                    worker,
                    organization,
                    caseId,
                    at,
                    "CONSENT_RECORDED",
                    Consents.TABLE,
                    id,
                    "SERVICES/GUARDIAN");
        }
        for (Note n : h.notes()) {
            UUID id = Ids.next();
            Instant at = at(n.on());
            rows.notes.add(new Object[] {
                id,
                organization,
                caseId,
                n.kind(),
                n.on(),
                cipher.seal(organization, CaseNotes.TABLE, "body", id, n.body()),
                worker,
                at
            });
            journal(rows, line, worker, organization, caseId, at, "NOTE_" + n.kind(), CaseNotes.TABLE, id, null);
        }
        // The journey, one move at a time, as Cases.move records it.
        Instant moved = opened;
        String planStatus = "NONE";
        Instant planApprovedAt = null;
        CaseStage from = CaseStage.IDENTIFIED;
        for (CaseStage to : h.path()) {
            moved = moved.plusSeconds(86_400L * 7);
            if (to == CaseStage.CLOSED) {
                moved = h.endedAt().minusSeconds(3_600);
                line.add(moved, "CLOSURE_REQUESTED", worker, null, from.name());
                line.add(moved.plusSeconds(3_600), "CLOSED", h.supervisor(), null, from.name());
            } else {
                if (to == CaseStage.SERVICES && planApprovedAt == null) {
                    planApprovedAt = moved.minusSeconds(3_600);
                    line.add(planApprovedAt, "PLAN_APPROVED", h.supervisor(), caseId, null);
                }
                line.add(moved, "STAGE_CHANGED", worker, null, from + ">" + to);
            }
            from = to;
        }
        if (h.stage() == CaseStage.CARE_PLAN) {
            planStatus = "SUBMITTED";
        } else if (planApprovedAt != null) {
            planStatus = "APPROVED";
        }
        Instant lastContact = null;
        for (FollowUp f : h.followUps()) {
            UUID id = Ids.next();
            boolean done = f.doneOn() != null;
            rows.followUps.add(new Object[] {
                id,
                organization,
                caseId,
                f.monthsAfter(),
                h.reintegratedOn().plusMonths(f.monthsAfter()),
                f.doneOn(),
                done ? "REACHED" : null,
                done ? "SAFE" : null,
                done ? "IN_SCHOOL" : null,
                done ? "GOOD" : null,
                done ? f.exploitation() : null,
                done ? cipher.seal(organization, FollowUps.TABLE, "notes", id, f.notes()) : null,
                done ? worker : null
            });
            if (done) {
                Instant at = at(f.doneOn());
                lastContact = at;
                line.add(at, "FOLLOW_UP_RECORDED", worker, id, f.exploitation());
                rows.events.add(AuditEntry.of(AuditAction.RECORD_CHANGED)
                        .by(worker, organization)
                        .on(FollowUps.TABLE, id)
                        .fields(List.of(
                                "done_on", "contact", "safety", "school_or_work", "health", "exploitation", "notes"))
                        .detail("case", caseId.toString())
                        .build());
            }
        }
        boolean closed = h.stage() == CaseStage.CLOSED;
        Instant ended = h.stage().open() ? null : h.endedAt();
        Instant updated = ended != null ? ended : moved;
        rows.cases.add(new Object[] {
            caseId,
            organization,
            personId,
            reference,
            h.stage().name(),
            risk.name(),
            h.team(),
            worker,
            h.stage().ordinal() >= CaseStage.CARE_PLAN.ordinal() ? "Actual" : "Possible",
            h.exploitationTypes(),
            h.exploitationTypes().contains("SexualExploitation") ? List.of("Prostitution") : List.of(),
            h.exploitationTypes().isEmpty() ? List.of() : List.of("FalsePromises", "DebtBondage"),
            "KH",
            h.exploitationProvince(),
            cipher.seal(organization, CaseFile.TABLE, "summary", caseId, h.summary()),
            planStatus,
            "APPROVED".equals(planStatus) ? h.supervisor() : null,
            "APPROVED".equals(planStatus) ? planApprovedAt : null,
            closed ? worker : null,
            closed ? ended.minusSeconds(3_600) : null,
            closed ? cipher.seal(organization, CaseFile.TABLE, "closure_reason", caseId, h.closureReason()) : null,
            h.reintegratedOn(),
            opened,
            ended,
            lastContact,
            worker,
            updated,
            h.path().size()
        });
        return rows;
    }

    private void journal(
            Rows rows,
            Timeline line,
            UUID actor,
            UUID organization,
            UUID caseId,
            Instant at,
            String event,
            String table,
            UUID id,
            String code) {
        line.add(at, event, actor, id, code);
        rows.events.add(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor, organization)
                .on(table, id)
                .detail("case", caseId.toString())
                .build());
    }

    private static AuditEntry created(UUID actor, UUID organization, String table, UUID id, List<String> fields) {
        return AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor, organization)
                .on(table, id)
                .fields(fields)
                .build();
    }

    private static Instant at(LocalDate day) {
        return day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private record Timeline(Rows rows, UUID organization, UUID caseId) {
        void add(Instant at, String kind, UUID actor, UUID subject, String detail) {
            rows.timeline.add(new Object[] {Ids.next(), organization, caseId, at, kind, actor, subject, detail});
        }
    }

    private static final class Tables {
        final BulkRows person = BulkRows.into("person")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("name", "bytea")
                .column("name_khmer", "bytea")
                .column("aliases", "bytea")
                .column("sex", "text")
                .column("birth_date", "bytea")
                .column("phone", "bytea")
                .column("narrative", "bytea")
                .column("address", "bytea")
                .column("gender", "text")
                .column("estimated_age", "int")
                .column("age_recorded", "date")
                .column("nationality", "text")
                .column("languages", "text[]")
                .column("province", "text")
                .column("created_by", "uuid")
                .column("created_at", "timestamptz")
                .column("updated_at", "timestamptz");
        final BulkRows tokens = BulkRows.into("person_token")
                .column("organization_id", "uuid")
                .column("token", "bigint")
                .column("person_id", "uuid");
        final BulkRows cases = BulkRows.into("case_file")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("person_id", "uuid")
                .column("reference", "text")
                .column("stage", "text")
                .column("risk_level", "text")
                .column("team_id", "uuid")
                .column("caseworker_id", "uuid")
                .column("trafficking_status", "text")
                .column("exploitation_types", "text[]")
                .column("sexual_exploitation", "text[]")
                .column("means_of_control", "text[]")
                .column("exploitation_country", "text")
                .column("exploitation_province", "text")
                .column("summary", "bytea")
                .column("plan_status", "text")
                .column("plan_approved_by", "uuid")
                .column("plan_approved_at", "timestamptz")
                .column("closure_requested_by", "uuid")
                .column("closure_requested_at", "timestamptz")
                .column("closure_reason", "bytea")
                .column("reintegrated_on", "date")
                .column("opened_at", "timestamptz")
                .column("closed_at", "timestamptz")
                .column("last_contact_at", "timestamptz")
                .column("created_by", "uuid")
                .column("updated_at", "timestamptz")
                .column("version", "int");
        final BulkRows consents = BulkRows.into("case_consent")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("case_id", "uuid")
                .column("purpose", "text")
                .column("given_by", "text")
                .column("method", "text")
                .column("given_on", "date")
                .column("recorded_by", "uuid")
                .column("recorded_at", "timestamptz");
        final BulkRows assessments = BulkRows.into("case_assessment")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("case_id", "uuid")
                .column("kind", "text")
                .column("ratings", "jsonb")
                .column("risk_level", "text")
                .column("needs", "text[]")
                .column("details", "bytea")
                .column("assessed_on", "date")
                .column("assessed_by", "uuid")
                .column("recorded_at", "timestamptz");
        final BulkRows notes = BulkRows.into("case_note")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("case_id", "uuid")
                .column("kind", "text")
                .column("happened_on", "date")
                .column("body", "bytea")
                .column("author_id", "uuid")
                .column("created_at", "timestamptz");
        final BulkRows followUps = BulkRows.into("case_follow_up")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("case_id", "uuid")
                .column("months_after", "int")
                .column("due_on", "date")
                .column("done_on", "date")
                .column("contact", "text")
                .column("safety", "text")
                .column("school_or_work", "text")
                .column("health", "text")
                .column("exploitation", "text")
                .column("notes", "bytea")
                .column("recorded_by", "uuid");
        final BulkRows timeline = BulkRows.into("case_event")
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("case_id", "uuid")
                .column("at", "timestamptz")
                .column("kind", "text")
                .column("actor_id", "uuid")
                .column("subject_id", "uuid")
                .column("detail", "text");
    }
}
