package org.haven.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Assessments.Domain;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.platform.CopyRows;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.PhaseTimes;
import org.haven.vault.BlindIndex;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes many finished case histories at once (synthetic data, migrations from other systems): the
 * same rows the services write one by one — person with its ciphertext and blind-index tokens
 * ({@link People}'s own normalization, sealing and tokens), case file, timeline, consents,
 * assessments, notes, follow-ups — and a RECORD_CREATED audit event for every record, but with one
 * binary {@code COPY} per table for the whole batch, in one transaction with its audit events, and no
 * duplicate search. COPY runs on the owner's connection: row-level security does not apply to the
 * table owner, and these are operator commands like migrations (decision 33); the application's role
 * stays unprivileged. The caller vouches that each history is one the workflow allows
 * ({@link CaseStage}, {@link StageRules}).
 */
@Component
public class BulkCases {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The tables a batch writes, parents first. */
    private static final List<String> TABLES = List.of(
            "person",
            "person_token",
            "case_file",
            "case_consent",
            "case_assessment",
            "case_note",
            "case_follow_up",
            "case_event");

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
    private final DataSource owner;
    private final PhaseTimes times = new PhaseTimes();

    BulkCases(
            JdbcClient jdbc,
            People people,
            CaseCipher cipher,
            AuditTrail audit,
            @Qualifier("ownerDataSource") DataSource owner) {
        this.jdbc = jdbc;
        this.people = people;
        this.cipher = cipher;
        this.audit = audit;
        this.owner = owner;
    }

    /** The tables a load writes (the audit trail aside), parents first, each prefixed ("" or "schema."). */
    public List<String> tables(String prefix) {
        return TABLES.stream().map(table -> prefix + table).toList();
    }

    /** Where the time of the loads so far went, by phase (names only). */
    public PhaseTimes times() {
        return times;
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
     * Writes the histories with references C-{year}-{firstNumber…} in order, with their audit events,
     * in one transaction of its own; returns the case ids. Sealing runs on the calling thread (call it
     * from several threads to use several cores).
     */
    public List<UUID> load(UUID organization, int year, int firstNumber, List<History> histories) {
        Batch batch = new Batch("", true);
        List<UUID> ids = new ArrayList<>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            ids.add(prepare(batch, organization, CaseFiles.reference(year, firstNumber + i), histories.get(i)));
        }
        long t0 = System.nanoTime();
        CopyRows events = audit.rowsOf(batch.events);
        times.since("cpu: audit rows (details sealed)", t0);
        batch.encodeTokens();
        write(batch.t, events);
        return ids;
    }

    /**
     * The baseline for benchmarks: the same rows written the same way into scratch copies of the tables
     * in {@code schema} ({@link #createBaseline}), without encryption (values as UTF-8), with unkeyed
     * tokens instead of HMACs, and without audit events. Never for real data.
     */
    public void loadBaseline(String schema, UUID organization, int year, int firstNumber, List<History> histories) {
        Batch batch = new Batch(scratch(schema) + ".", false);
        for (int i = 0; i < histories.size(); i++) {
            prepare(batch, organization, CaseFiles.reference(year, firstNumber + i), histories.get(i));
        }
        batch.encodeTokens();
        write(batch.t, null);
    }

    /**
     * Creates the schema of scratch tables {@link #loadBaseline} writes to: each table like its real one
     * (columns, defaults, checks, indexes) with the same foreign keys between them.
     */
    public void createBaseline(String schema) {
        String s = scratch(schema);
        try (Connection c = owner.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("CREATE SCHEMA " + s);
            for (String table : TABLES) {
                statement.execute("CREATE TABLE " + s + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
            statement.execute("ALTER TABLE " + s + ".person ADD FOREIGN KEY (organization_id) REFERENCES organization");
            statement.execute(
                    "ALTER TABLE " + s + ".person_token ADD FOREIGN KEY (person_id) REFERENCES " + s + ".person");
            statement.execute("ALTER TABLE " + s + ".case_file ADD FOREIGN KEY (person_id) REFERENCES " + s
                    + ".person, ADD FOREIGN KEY (organization_id) REFERENCES organization");
            for (String table : TABLES.subList(3, TABLES.size())) {
                statement.execute("ALTER TABLE " + s + "." + table + " ADD FOREIGN KEY (case_id) REFERENCES " + s
                        + ".case_file, ADD FOREIGN KEY (organization_id) REFERENCES organization");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The baseline tables could not be created", e);
        }
    }

    /** Drops the scratch schema of {@link #createBaseline}. */
    public void dropBaseline(String schema) {
        try (Connection c = owner.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + scratch(schema) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("The baseline tables could not be dropped", e);
        }
    }

    private static String scratch(String schema) {
        if (!schema.matches("baseline_[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("A baseline schema is named baseline_…");
        }
        return schema;
    }

    /** One COPY per table and the audit events, in one transaction on an owner connection. */
    private void write(Tables tables, CopyRows events) {
        long t0 = System.nanoTime();
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                t0 = times.since("db: owner connection", t0);
                for (CopyRows rows : tables.all()) {
                    rows.copy(c);
                    times.count(rows.table(), rows.size());
                    t0 = times.since("db: COPY " + rows.table(), t0);
                }
                if (events != null) {
                    events.copy(c);
                    times.count("audit_event", events.size());
                    t0 = times.since("db: COPY audit_event", t0);
                }
                c.commit();
                times.since("db: commit", t0);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The bulk load failed: " + e.getSQLState(), e);
        }
    }

    /** The rows of one batch as they are prepared, and how they are protected. */
    private final class Batch {
        final Tables t;
        final boolean protect;
        final List<AuditEntry> events = new ArrayList<>();
        final List<PersonToken> tokens = new ArrayList<>();
        /** The name tokens of this batch's organization, by name: synthetic names repeat. */
        final Map<String, List<BlindIndex.Token>> nameTokens = new HashMap<>();

        /**
         * The person tokens in key order: consecutive insertions then land on neighbouring pages of
         * the primary key's index instead of random ones.
         */
        void encodeTokens() {
            tokens.sort(java.util.Comparator.comparingLong(PersonToken::token).thenComparing(PersonToken::person));
            for (PersonToken token : tokens) {
                t.tokens.add(token.organization(), token.token(), token.person());
            }
            tokens.clear();
        }

        Batch(String prefix, boolean protect) {
            this.t = new Tables(prefix);
            this.protect = protect;
        }

        byte[] seal(UUID organization, String table, String column, UUID row, String value) {
            if (protect) {
                return cipher.seal(organization, table, column, row, value);
            }
            return value == null || value.isBlank() ? null : value.strip().getBytes(StandardCharsets.UTF_8);
        }

        void event(AuditEntry entry) {
            if (protect) {
                events.add(entry);
            }
        }
    }

    /** The baseline's stand-in for sealing: the values as UTF-8. */
    private static Map<String, Object> plain(Map<String, String> values) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String column : People.ENCRYPTED) {
            String value = values.get(column);
            columns.put(column, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
        return columns;
    }

    /** The baseline's stand-in for blind-index tokens: about as many, unkeyed (word trigrams, phone). */
    private static Long[] unkeyedTokens(Map<String, String> values) {
        Set<Long> tokens = new LinkedHashSet<>();
        for (String column : List.of("name", "name_khmer", "aliases", "phone")) {
            String value = values.get(column);
            if (value == null) {
                continue;
            }
            for (String word : value.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
                tokens.add((long) word.hashCode());
                for (int i = 0; i + 3 <= word.length(); i++) {
                    tokens.add(((long) column.hashCode() << 32)
                            ^ word.substring(i, i + 3).hashCode());
                }
            }
        }
        return tokens.toArray(Long[]::new);
    }

    /*
     * One case's rows, in small methods: the JIT compiles each on its own. As one method of 200 lines
     * with everything inlined, C2 spent two seconds compiling it, four times over, while the load ran.
     */
    private UUID prepare(Batch rows, UUID organization, String reference, History h) {
        UUID caseId = Ids.next();
        UUID personId = Ids.next();
        long t0 = person(rows, organization, personId, h);
        Timeline line = new Timeline(rows.t, organization, caseId);
        UUID worker = h.caseworker();
        line.add(h.openedAt(), "OPENED", worker, null, null);
        rows.event(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(worker, organization)
                .on(CaseFile.TABLE, caseId)
                .fields(List.of("summary", "exploitation_types", "exploitation_province"))
                .detail("possibleDuplicatesIgnored", 0)
                .build());
        RiskLevel risk = assessments(rows, line, h);
        consent(rows, line, h);
        notes(rows, line, h);
        Journey journey = journey(line, h);
        Instant lastContact = followUps(rows, line, h);
        caseFile(rows, line, personId, reference, h, risk, journey, lastContact);
        times.since("cpu: other rows, their seals and audit entries", t0);
        return caseId;
    }

    /** The child's person row, sealed, with its blind-index tokens; returns the time it finished. */
    private long person(Batch rows, UUID organization, UUID personId, History h) {
        UUID worker = h.caseworker();
        Instant opened = h.openedAt();
        long t0 = System.nanoTime();
        Map<String, String> values = People.normalized(h.child(), null);
        Map<String, Object> sealed = rows.protect ? people.sealed(organization, personId, values) : plain(values);
        t0 = times.since("cpu: seal person (AES-GCM)", t0);
        Long[] personTokens = rows.protect
                ? BlindIndex.values(people.tokensOf(organization, values, rows.nameTokens))
                : unkeyedTokens(values);
        t0 = times.since("cpu: name/phone tokens (HMAC)", t0);
        Map<String, Object> plain = People.plainColumns(values);
        rows.t.person.add(
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
                plain.get("age_recorded") == null
                        ? null
                        : plain.get("age_recorded").toString(),
                plain.get("nationality"),
                List.of((String[]) plain.get("languages")),
                plain.get("province"),
                worker,
                opened,
                opened);
        for (Long token : personTokens) {
            rows.tokens.add(new PersonToken(organization, token, personId));
        }
        rows.event(created(worker, organization, People.TABLE, personId, People.present(values)));
        return t0;
    }

    /** The assessments in order; returns the risk level the last one left. */
    private RiskLevel assessments(Batch rows, Timeline line, History h) {
        UUID worker = h.caseworker();
        UUID organization = line.organization();
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
            rows.t.assessments.add(
                    id,
                    organization,
                    line.caseId(),
                    a.kind(),
                    JSON.writeValueAsString(ratings),
                    level.name(),
                    Assessments.needs(ratings),
                    rows.seal(organization, Assessments.TABLE, "details", id, JSON.writeValueAsString(details)),
                    a.on(),
                    worker,
                    at);
            journal(rows, line, worker, at, "ASSESSED", Assessments.TABLE, id, a.kind() + "/" + level);
            if (level != risk) {
                line.add(at, "RISK_CHANGED", worker, id, risk + ">" + level);
                risk = level;
            }
        }
        return risk;
    }

    private void consent(Batch rows, Timeline line, History h) {
        if (!h.consentToServices()) {
            return;
        }
        UUID id = Ids.next();
        UUID worker = h.caseworker();
        LocalDate on = h.assessments().isEmpty()
                ? date(h.openedAt())
                : h.assessments().get(0).on();
        Instant at = at(on);
        rows.t.consents.add(
                id, line.organization(), line.caseId(), "SERVICES", "GUARDIAN", "SIGNED_PAPER", on, worker, at);
        journal(rows, line, worker, at, "CONSENT_RECORDED", Consents.TABLE, id, "SERVICES/GUARDIAN");
    }

    private void notes(Batch rows, Timeline line, History h) {
        UUID worker = h.caseworker();
        UUID organization = line.organization();
        for (Note n : h.notes()) {
            UUID id = Ids.next();
            Instant at = at(n.on());
            rows.t.notes.add(
                    id,
                    organization,
                    line.caseId(),
                    n.kind(),
                    n.on(),
                    rows.seal(organization, CaseNotes.TABLE, "body", id, n.body()),
                    worker,
                    at);
            journal(rows, line, worker, at, "NOTE_" + n.kind(), CaseNotes.TABLE, id, null);
        }
    }

    /** Where the journey ended: the last move, the care plan's status and when it was approved. */
    private record Journey(Instant moved, String planStatus, Instant planApprovedAt) {}

    /** The journey, one move at a time, as Cases.move records it. */
    private static Journey journey(Timeline line, History h) {
        UUID worker = h.caseworker();
        Instant moved = h.openedAt();
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
                    line.add(planApprovedAt, "PLAN_APPROVED", h.supervisor(), line.caseId(), null);
                }
                line.add(moved, "STAGE_CHANGED", worker, null, from + ">" + to);
            }
            from = to;
        }
        String planStatus = "NONE";
        if (h.stage() == CaseStage.CARE_PLAN) {
            planStatus = "SUBMITTED";
        } else if (planApprovedAt != null) {
            planStatus = "APPROVED";
        }
        return new Journey(moved, planStatus, planApprovedAt);
    }

    /** The follow-ups, done and due; returns when the child was last reached, or null. */
    private Instant followUps(Batch rows, Timeline line, History h) {
        UUID worker = h.caseworker();
        UUID organization = line.organization();
        Instant lastContact = null;
        for (FollowUp f : h.followUps()) {
            UUID id = Ids.next();
            boolean done = f.doneOn() != null;
            rows.t.followUps.add(
                    id,
                    organization,
                    line.caseId(),
                    f.monthsAfter(),
                    h.reintegratedOn().plusMonths(f.monthsAfter()),
                    f.doneOn(),
                    done ? "REACHED" : null,
                    done ? "SAFE" : null,
                    done ? "IN_SCHOOL" : null,
                    done ? "GOOD" : null,
                    done ? f.exploitation() : null,
                    done ? rows.seal(organization, FollowUps.TABLE, "notes", id, f.notes()) : null,
                    done ? worker : null);
            if (done) {
                Instant at = at(f.doneOn());
                lastContact = at;
                line.add(at, "FOLLOW_UP_RECORDED", worker, id, f.exploitation());
                rows.event(AuditEntry.of(AuditAction.RECORD_CHANGED)
                        .by(worker, organization)
                        .on(FollowUps.TABLE, id)
                        .fields(List.of(
                                "done_on", "contact", "safety", "school_or_work", "health", "exploitation", "notes"))
                        .detail("case", line.caseId().toString())
                        .build());
            }
        }
        return lastContact;
    }

    private void caseFile(
            Batch rows,
            Timeline line,
            UUID personId,
            String reference,
            History h,
            RiskLevel risk,
            Journey journey,
            Instant lastContact) {
        UUID organization = line.organization();
        UUID caseId = line.caseId();
        UUID worker = h.caseworker();
        boolean closed = h.stage() == CaseStage.CLOSED;
        boolean approved = "APPROVED".equals(journey.planStatus());
        Instant ended = h.stage().open() ? null : h.endedAt();
        rows.t.cases.add(
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
                rows.seal(organization, CaseFile.TABLE, "summary", caseId, h.summary()),
                journey.planStatus(),
                approved ? h.supervisor() : null,
                approved ? journey.planApprovedAt() : null,
                closed ? worker : null,
                closed ? ended.minusSeconds(3_600) : null,
                closed ? rows.seal(organization, CaseFile.TABLE, "closure_reason", caseId, h.closureReason()) : null,
                h.reintegratedOn(),
                h.openedAt(),
                ended,
                lastContact,
                worker,
                ended != null ? ended : journey.moved(),
                h.path().size());
    }

    private void journal(
            Batch rows, Timeline line, UUID actor, Instant at, String event, String table, UUID id, String code) {
        line.add(at, event, actor, id, code);
        rows.event(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor, line.organization())
                .on(table, id)
                .detail("case", line.caseId().toString())
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

    private record PersonToken(UUID organization, long token, UUID person) {}

    private record Timeline(Tables t, UUID organization, UUID caseId) {
        void add(Instant at, String kind, UUID actor, UUID subject, String detail) {
            t.timeline.add(Ids.next(), organization, caseId, at, kind, actor, subject, detail);
        }
    }

    private static final class Tables {
        final CopyRows person;
        final CopyRows tokens;
        final CopyRows cases;
        final CopyRows consents;
        final CopyRows assessments;
        final CopyRows notes;
        final CopyRows followUps;
        final CopyRows timeline;

        Tables(String prefix) {
            person = CopyRows.into(prefix + "person")
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
            tokens = CopyRows.into(prefix + "person_token")
                    .column("organization_id", "uuid")
                    .column("token", "bigint")
                    .column("person_id", "uuid");
            cases = CopyRows.into(prefix + "case_file")
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
            consents = CopyRows.into(prefix + "case_consent")
                    .column("id", "uuid")
                    .column("organization_id", "uuid")
                    .column("case_id", "uuid")
                    .column("purpose", "text")
                    .column("given_by", "text")
                    .column("method", "text")
                    .column("given_on", "date")
                    .column("recorded_by", "uuid")
                    .column("recorded_at", "timestamptz");
            assessments = CopyRows.into(prefix + "case_assessment")
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
            notes = CopyRows.into(prefix + "case_note")
                    .column("id", "uuid")
                    .column("organization_id", "uuid")
                    .column("case_id", "uuid")
                    .column("kind", "text")
                    .column("happened_on", "date")
                    .column("body", "bytea")
                    .column("author_id", "uuid")
                    .column("created_at", "timestamptz");
            followUps = CopyRows.into(prefix + "case_follow_up")
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
            timeline = CopyRows.into(prefix + "case_event")
                    .column("id", "uuid")
                    .column("organization_id", "uuid")
                    .column("case_id", "uuid")
                    .column("at", "timestamptz")
                    .column("kind", "text")
                    .column("actor_id", "uuid")
                    .column("subject_id", "uuid")
                    .column("detail", "text");
        }

        List<CopyRows> all() {
            return List.of(person, tokens, cases, consents, assessments, notes, followUps, timeline);
        }
    }
}
