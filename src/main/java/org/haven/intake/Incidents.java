package org.haven.intake;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Vocabulary;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.BlindIndex;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents: one place or one set of alleged offenders, with the reports and cases that concern it.
 * The place's name, address, coordinates, the summary and everything about perpetrators are
 * encrypted; their phone numbers and handles are blind-index tokens shared with reports, so a number
 * already known from another incident or report is shown as soon as it appears again. Every read,
 * search and change is audited; all of it needs {@link Permission#REPORT_TRIAGE}.
 */
@Service
public class Incidents {

    static final String TABLE = "incident";
    static final String PERPETRATORS = "incident_perpetrator";

    /** One line of a list: never the place's name or anyone's details. */
    public record Row(
            UUID id,
            String reference,
            String province,
            String district,
            String country,
            String status,
            List<String> exploitationTypes,
            LocalDate lastSeen,
            int reports) {}

    /** A perpetrator's details, and where their numbers and handles are known besides this incident. */
    public record Perpetrator(UUID id, PerpetratorInput details, List<Known> knownElsewhere) {}

    /** "This number (or handle) is also in incident INC-… / in another report." */
    public record Known(String kind, String value, UUID incidentId, String reference, UUID reportId) {}

    public record LinkedReport(UUID id, Instant receivedHour, String status, String urgency, boolean dangerNow) {}

    public record LinkedCase(UUID id, String reference) {}

    /** An incident as triage reads it. */
    public record Incident(
            UUID id,
            String reference,
            IncidentInput fields,
            List<Perpetrator> perpetrators,
            List<LinkedReport> reports,
            List<LinkedCase> cases,
            int version) {}

    /** An incident that may concern a report, and why: PHONE, HANDLE, AREA, or LINKED. */
    public record Suggestion(
            UUID id,
            String reference,
            String province,
            String district,
            String status,
            Set<String> reasons,
            List<String> values) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final OffenderTokens tokens;
    private final Reports reports;
    private final AuditTrail audit;
    private final Clock clock;

    Incidents(
            JdbcClient jdbc,
            FieldCipher cipher,
            OffenderTokens tokens,
            Reports reports,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tokens = tokens;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens an incident; its reference (INC-year-number) is returned with it. */
    @Transactional
    public Incident open(CurrentUser actor, IncidentInput input) {
        require(actor);
        UUID organization = actor.organizationId();
        Map<String, Object> values = checked(input, IncidentInput.empty());
        UUID id = Ids.next();
        Instant now = clock.instant();
        int number = jdbc.sql("""
                        INSERT INTO incident_counter (organization_id, year, last_number) VALUES (?, ?, 1)
                        ON CONFLICT (organization_id, year) DO UPDATE SET last_number = incident_counter.last_number + 1
                        RETURNING last_number
                        """)
                .params(organization, LocalDate.ofInstant(now, ZoneOffset.UTC).getYear())
                .query(Integer.class)
                .single();
        String reference =
                "INC-%d-%04d".formatted(LocalDate.ofInstant(now, ZoneOffset.UTC).getYear(), number);
        jdbc.sql("""
                        INSERT INTO incident (id, organization_id, reference, establishment, address, coordinates,
                            province, district, country, exploitation_types, first_seen, last_seen, summary, status,
                            outcomes, created_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(row(
                        List.of(id, organization, reference),
                        columns(organization, id, values),
                        actor.id(),
                        Timestamp.from(now),
                        Timestamp.from(now)))
                .update();
        writePlaceTokens(organization, id, (String) values.get("establishment"));
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), organization)
                .on(TABLE, id)
                .fields(changedFields(values, Map.of()))
                .build());
        return load(actor, id);
    }

    /** Changes an incident if nobody changed it since {@code version}; null fields keep their value. */
    @Transactional
    public Incident change(CurrentUser actor, UUID id, int version, IncidentInput input) {
        require(actor);
        UUID organization = actor.organizationId();
        Incident current = load(actor, id);
        if (current.version() != version) {
            throw new Refusal(Status.PRECONDITION_FAILED, "incident.stale");
        }
        Map<String, Object> before = checked(current.fields(), IncidentInput.empty());
        Map<String, Object> values = checked(input, current.fields());
        int updated = jdbc.sql("""
                        UPDATE incident SET establishment = ?, address = ?, coordinates = ?, province = ?, district = ?,
                            country = ?, exploitation_types = ?, first_seen = ?, last_seen = ?, summary = ?, status = ?,
                            outcomes = ?, updated_at = ?, version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ?
                        """)
                .params(row(
                        List.of(),
                        columns(organization, id, values),
                        Timestamp.from(clock.instant()),
                        organization,
                        id,
                        version))
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "incident.stale");
        }
        jdbc.sql("DELETE FROM incident_token WHERE organization_id = ? AND incident_id = ? AND kind = 'PLACE'")
                .params(organization, id)
                .update();
        writePlaceTokens(organization, id, (String) values.get("establishment"));
        List<String> changed = changedFields(values, before);
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(TABLE, id)
                .fields(changed)
                .detail("status", String.valueOf(values.get("status")))
                .build());
        return load(actor, id);
    }

    /** One incident with its perpetrators, reports and cases; the read is audited. */
    @Transactional
    public Incident view(CurrentUser actor, UUID id) {
        require(actor);
        Incident incident = load(actor, id);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(List.of("establishment", "address", "coordinates", "summary", "perpetrators"))
                .build());
        return incident;
    }

    /** The id of the incident with this reference (INC-2026-0001), or not found. */
    @Transactional
    public UUID idOf(CurrentUser actor, String reference) {
        require(actor);
        return jdbc.sql("SELECT id FROM incident WHERE organization_id = ? AND reference = ?")
                .params(
                        actor.organizationId(),
                        reference == null ? "" : reference.strip().toUpperCase())
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "incident.notFound"));
    }

    /**
     * Incidents found by a reference, a phone number, an online handle or the name of the place
     * (through blind indexes), optionally in one province; the newest first when nothing is typed.
     * The search and its terms (encrypted) are audited.
     */
    @Transactional
    public List<Row> search(CurrentUser actor, String query, String province) {
        require(actor);
        UUID organization = actor.organizationId();
        String typed = query == null ? "" : query.strip();
        String area = Vocabulary.province(province);
        List<Row> rows;
        if (typed.isEmpty()) {
            rows = jdbc.sql(ROW_SQL + " WHERE i.organization_id = ? AND (CAST(? AS text) IS NULL OR i.province = ?)"
                            + " ORDER BY i.status = 'CLOSED', i.updated_at DESC LIMIT 100")
                    .params(organization, area, area)
                    .query((rs, n) -> row(rs))
                    .list();
        } else {
            rows = found(actor, typed, area);
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), organization)
                .on(TABLE, null)
                .detail("results", rows.size())
                .detail("terms", typed.isEmpty() ? "" : "(typed)")
                .build());
        return rows;
    }

    private List<Row> found(CurrentUser actor, String typed, String area) {
        UUID organization = actor.organizationId();
        Map<UUID, Integer> scores = new HashMap<>();
        jdbc.sql("SELECT id FROM incident WHERE organization_id = ? AND reference = ?")
                .params(organization, typed.toUpperCase())
                .query(UUID.class)
                .list()
                .forEach(id -> scores.put(id, 1_000));
        // "@name" or a link is a handle, digits alone a number: neither is also a place's name.
        boolean handle = typed.startsWith("@") || typed.contains("/");
        boolean number = !handle && typed.matches("[+\\p{Nd}\\s().-]+");
        List<OffenderTokens.Keyed> named = tokens.of(organization, handle ? null : typed, number ? null : typed);
        if (!named.isEmpty()) {
            jdbc.sql("SELECT DISTINCT incident_id FROM incident_token WHERE organization_id = ? AND token = ANY(?)"
                            + " AND kind IN ('PHONE', 'HANDLE')")
                    .params(organization, OffenderTokens.values(named))
                    .query(UUID.class)
                    .list()
                    .forEach(id -> scores.merge(id, 500, Integer::sum));
        }
        List<BlindIndex.Token> place = handle || number ? List.of() : tokens.place(organization, typed);
        if (!place.isEmpty()) {
            Map<UUID, List<Long>> matched = new HashMap<>();
            jdbc.sql("SELECT incident_id, token FROM incident_token WHERE organization_id = ? AND token = ANY(?)"
                            + " AND kind = 'PLACE'")
                    .params(organization, BlindIndex.values(place))
                    .query((rs, n) -> matched.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getLong(2)))
                    .list();
            java.util.function.ToDoubleFunction<String> similarity = BlindIndex.similarityTo(typed);
            matched.forEach((id, hits) -> {
                // A name found by a few shared trigrams is confirmed on the decrypted name.
                String name = decrypt(organization, id, "establishment", establishmentOf(organization, id));
                if (name != null && similarity.applyAsDouble(name) >= 0.35) {
                    scores.merge(id, BlindIndex.score(place, hits), Integer::sum);
                }
            });
        }
        if (scores.isEmpty()) {
            return List.of();
        }
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.sql(
                        ROW_SQL
                                + " WHERE i.organization_id = ? AND i.id = ANY(?) AND (CAST(? AS text) IS NULL OR i.province = ?)")
                .params(organization, scores.keySet().toArray(UUID[]::new), area, area)
                .query((rs, n) -> row(rs))
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return BlindIndex.rank(scores).stream()
                .filter(rows::containsKey)
                .map(rows::get)
                .limit(50)
                .toList();
    }

    /**
     * Adds an alleged perpetrator. The answer says where the same phone numbers or handles are already
     * known: other incidents and reports of the organization.
     */
    @Transactional
    public Perpetrator addPerpetrator(CurrentUser actor, UUID incident, PerpetratorInput details) {
        require(actor);
        UUID organization = actor.organizationId();
        load(actor, incident);
        if (details == null || details.isEmpty()) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.perpetrator.empty");
        }
        UUID id = Ids.next();
        jdbc.sql("INSERT INTO incident_perpetrator (id, organization_id, incident_id, details, added_by, added_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        organization,
                        incident,
                        cipher.seal(
                                        organization,
                                        new Cell(PERPETRATORS, "details", id),
                                        JSON.writeValueAsString(details))
                                .bytes(),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        List<OffenderTokens.Keyed> named = tokens.of(organization, details.phones(), details.handles());
        if (!named.isEmpty()) {
            jdbc.sql("INSERT INTO incident_token (organization_id, token, kind, incident_id, perpetrator_id)"
                            + " SELECT ?, t.token, t.kind, ?, ? FROM unnest(?::bigint[], ?::text[]) AS t(token, kind)")
                    .params(
                            organization,
                            incident,
                            id,
                            named.stream().map(OffenderTokens.Keyed::token).toArray(Long[]::new),
                            named.stream().map(OffenderTokens.Keyed::kind).toArray(String[]::new))
                    .update();
        }
        touch(organization, incident);
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), organization)
                .on(PERPETRATORS, id)
                .detail("incident", incident.toString())
                .build());
        return new Perpetrator(id, details, knownElsewhere(organization, incident, named));
    }

    /** Removes a perpetrator recorded by mistake (the removal is audited). */
    @Transactional
    public void removePerpetrator(CurrentUser actor, UUID incident, UUID perpetrator) {
        require(actor);
        UUID organization = actor.organizationId();
        jdbc.sql("DELETE FROM incident_token WHERE organization_id = ? AND perpetrator_id = ?")
                .params(organization, perpetrator)
                .update();
        int removed = jdbc.sql(
                        "DELETE FROM incident_perpetrator WHERE organization_id = ? AND incident_id = ? AND id = ?")
                .params(organization, incident, perpetrator)
                .update();
        if (removed != 1) {
            throw new Refusal(Status.NOT_FOUND, "incident.notFound");
        }
        touch(organization, incident);
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(PERPETRATORS, perpetrator)
                .detail("removed", "true")
                .build());
    }

    /** Links a report to an incident (again is fine); the report records the decision. */
    @Transactional
    public void linkReport(CurrentUser actor, UUID incident, UUID report) {
        require(actor);
        UUID organization = actor.organizationId();
        load(actor, incident);
        reports.requireExists(organization, report);
        jdbc.sql("INSERT INTO incident_report (organization_id, incident_id, report_id, linked_by, linked_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(organization, incident, report, actor.id(), Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("UPDATE report SET decision = coalesce(decision, 'INCIDENT')"
                        + " WHERE organization_id = ? AND id = ?")
                .params(organization, report)
                .update();
        touch(organization, incident);
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(TABLE, incident)
                .fields(List.of("reports"))
                .detail("report", report.toString())
                .build());
    }

    @Transactional
    public void unlinkReport(CurrentUser actor, UUID incident, UUID report) {
        require(actor);
        UUID organization = actor.organizationId();
        int removed = jdbc.sql(
                        "DELETE FROM incident_report WHERE organization_id = ? AND incident_id = ? AND report_id = ?")
                .params(organization, incident, report)
                .update();
        if (removed != 1) {
            throw new Refusal(Status.NOT_FOUND, "incident.notFound");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(TABLE, incident)
                .fields(List.of("reports"))
                .detail("unlinked", report.toString())
                .build());
    }

    /** Links a case of the organization, named by its reference, without reading it. */
    @Transactional
    public void linkCase(CurrentUser actor, UUID incident, UUID caseId) {
        require(actor);
        UUID organization = actor.organizationId();
        load(actor, incident);
        jdbc.sql("INSERT INTO incident_case (organization_id, incident_id, case_id, linked_by, linked_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(organization, incident, caseId, actor.id(), Timestamp.from(clock.instant()))
                .update();
        touch(organization, incident);
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), organization)
                .on(TABLE, incident)
                .fields(List.of("cases"))
                .detail("case", caseId.toString())
                .build());
    }

    /**
     * Opens an incident from a report: its place, province, district and country, the exploitation type
     * its category suggests, and the adults it describes as a perpetrator; the report is linked. What
     * the reporter wrote in their own words stays in the report.
     */
    @Transactional
    public Incident openFromReport(CurrentUser actor, UUID report) {
        require(actor);
        UUID organization = actor.organizationId();
        PublicReport content = reports.contentOf(organization, report);
        record Classified(String province, String district, String category) {}
        Classified classified = jdbc.sql(
                        "SELECT province, district, category FROM report WHERE organization_id = ? AND id = ?")
                .params(organization, report)
                .query((rs, n) -> new Classified(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        String province = classified.province() != null ? classified.province() : blank(content.province());
        String district = classified.district() != null ? classified.district() : blank(content.district());
        Incident incident = open(
                actor,
                new IncidentInput(
                        null,
                        blank(content.place()),
                        null,
                        province,
                        district,
                        blank(content.country()),
                        typesOf(classified.category()),
                        null,
                        null,
                        null,
                        "OPEN",
                        List.of()));
        PerpetratorInput adults = new PerpetratorInput(
                blank(content.adultsNationality()),
                null,
                blank(content.phones()),
                blank(content.handles()),
                blank(content.vehicle()),
                blank(content.adultsDescription()));
        if (!adults.isEmpty()) {
            addPerpetrator(actor, incident.id(), adults);
        }
        linkReport(actor, incident.id(), report);
        return load(actor, incident.id());
    }

    /**
     * Incidents that may concern a report: those it is linked to, those sharing a phone number or handle
     * with it, and open ones in the same district. The caller has read the report (and audited it).
     */
    @Transactional
    public List<Suggestion> suggestionsFor(
            CurrentUser actor, UUID report, PublicReport content, String province, String district) {
        require(actor);
        UUID organization = actor.organizationId();
        Map<UUID, Set<String>> reasons = new LinkedHashMap<>();
        Map<UUID, Set<String>> values = new HashMap<>();
        jdbc.sql("SELECT incident_id FROM incident_report WHERE organization_id = ? AND report_id = ?")
                .params(organization, report)
                .query(UUID.class)
                .list()
                .forEach(id ->
                        reasons.computeIfAbsent(id, k -> new LinkedHashSet<>()).add("LINKED"));
        List<OffenderTokens.Keyed> named = tokens.of(organization, content.phones(), content.handles());
        Map<Long, OffenderTokens.Keyed> byToken = new HashMap<>();
        named.forEach(k -> byToken.put(k.token(), k));
        if (!named.isEmpty()) {
            jdbc.sql("SELECT incident_id, token, kind FROM incident_token WHERE organization_id = ? AND token = ANY(?)")
                    .params(organization, OffenderTokens.values(named))
                    .query((rs, n) -> {
                        UUID id = rs.getObject(1, UUID.class);
                        reasons.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(rs.getString(3));
                        values.computeIfAbsent(id, k -> new LinkedHashSet<>())
                                .add(byToken.get(rs.getLong(2)).value());
                        return id;
                    })
                    .list();
        }
        if (province != null && district != null) {
            jdbc.sql("SELECT id FROM incident WHERE organization_id = ? AND province = ? AND district = ?"
                            + " AND status <> 'CLOSED' ORDER BY updated_at DESC LIMIT 10")
                    .params(organization, province, district)
                    .query(UUID.class)
                    .list()
                    .forEach(id -> reasons.computeIfAbsent(id, k -> new LinkedHashSet<>())
                            .add("AREA"));
        }
        if (reasons.isEmpty()) {
            return List.of();
        }
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.sql(ROW_SQL + " WHERE i.organization_id = ? AND i.id = ANY(?)")
                .params(organization, reasons.keySet().toArray(UUID[]::new))
                .query((rs, n) -> row(rs))
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return reasons.entrySet().stream()
                .filter(e -> rows.containsKey(e.getKey()))
                .map(e -> {
                    Row r = rows.get(e.getKey());
                    return new Suggestion(
                            r.id(),
                            r.reference(),
                            r.province(),
                            r.district(),
                            r.status(),
                            e.getValue(),
                            List.copyOf(values.getOrDefault(r.id(), Set.of())));
                })
                .toList();
    }

    /** Other open reports naming one of the same phone numbers or handles: possible duplicates. */
    @Transactional
    public List<UUID> reportsSharingNumbers(CurrentUser actor, UUID report) {
        require(actor);
        return jdbc.sql("""
                        SELECT DISTINCT o.report_id FROM report_token r
                        JOIN report_token o ON o.organization_id = r.organization_id AND o.token = r.token
                            AND o.report_id <> r.report_id
                        WHERE r.organization_id = ? AND r.report_id = ? LIMIT 20
                        """)
                .params(actor.organizationId(), report)
                .query(UUID.class)
                .list();
    }

    private List<Known> knownElsewhere(UUID organization, UUID incident, List<OffenderTokens.Keyed> named) {
        if (named.isEmpty()) {
            return List.of();
        }
        Map<Long, OffenderTokens.Keyed> byToken = new HashMap<>();
        named.forEach(k -> byToken.put(k.token(), k));
        List<Known> known = new ArrayList<>(jdbc.sql("""
                        SELECT DISTINCT t.token, t.kind, i.id, i.reference FROM incident_token t
                        JOIN incident i ON i.id = t.incident_id
                        WHERE t.organization_id = ? AND t.token = ANY(?) AND t.incident_id <> ?
                        ORDER BY i.reference
                        """)
                .params(organization, OffenderTokens.values(named), incident)
                .query((rs, n) -> new Known(
                        rs.getString(2),
                        byToken.get(rs.getLong(1)).value(),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        null))
                .list());
        known.addAll(jdbc.sql("""
                        SELECT DISTINCT t.token, t.kind, t.report_id FROM report_token t
                        WHERE t.organization_id = ? AND t.token = ANY(?)
                          AND NOT EXISTS (SELECT 1 FROM incident_report l WHERE l.incident_id = ? AND l.report_id = t.report_id)
                        LIMIT 20
                        """)
                .params(organization, OffenderTokens.values(named), incident)
                .query((rs, n) -> new Known(
                        rs.getString(2), byToken.get(rs.getLong(1)).value(), null, null, rs.getObject(3, UUID.class)))
                .list());
        return known;
    }

    private Incident load(CurrentUser actor, UUID id) {
        UUID organization = actor.organizationId();
        record Stored(IncidentInput fields, String reference, int version) {}
        Stored stored = jdbc.sql("SELECT * FROM incident WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> new Stored(
                        new IncidentInput(
                                decrypt(organization, id, "establishment", rs.getBytes("establishment")),
                                decrypt(organization, id, "address", rs.getBytes("address")),
                                decrypt(organization, id, "coordinates", rs.getBytes("coordinates")),
                                rs.getString("province"),
                                rs.getString("district"),
                                rs.getString("country"),
                                strings(rs, "exploitation_types"),
                                localDate(rs.getDate("first_seen")),
                                localDate(rs.getDate("last_seen")),
                                decrypt(organization, id, "summary", rs.getBytes("summary")),
                                rs.getString("status"),
                                strings(rs, "outcomes")),
                        rs.getString("reference"),
                        rs.getInt("version")))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "incident.notFound"));
        record StoredPerpetrator(UUID id, PerpetratorInput details) {}
        List<StoredPerpetrator> perpetratorRows = jdbc.sql(
                        "SELECT id, details FROM incident_perpetrator WHERE organization_id = ? AND incident_id = ?"
                                + " ORDER BY added_at, id")
                .params(organization, id)
                .query((rs, n) -> {
                    UUID perpetrator = rs.getObject(1, UUID.class);
                    String json = cipher.open(
                            organization,
                            new Cell(PERPETRATORS, "details", perpetrator),
                            EncryptedText.fromDatabase(rs.getBytes(2)));
                    return new StoredPerpetrator(perpetrator, JSON.readValue(json, PerpetratorInput.class));
                })
                .list();
        List<Perpetrator> perpetrators = perpetratorRows.stream()
                .map(p -> new Perpetrator(
                        p.id(),
                        p.details(),
                        knownElsewhere(
                                organization,
                                id,
                                tokens.of(
                                        organization,
                                        p.details().phones(),
                                        p.details().handles()))))
                .toList();
        List<LinkedReport> linked = jdbc.sql("""
                        SELECT r.id, r.received_hour, r.status, r.urgency, r.danger_now FROM incident_report l
                        JOIN report r ON r.id = l.report_id
                        WHERE l.organization_id = ? AND l.incident_id = ? ORDER BY r.received_hour DESC
                        """)
                .params(organization, id)
                .query((rs, n) -> new LinkedReport(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5)))
                .list();
        List<LinkedCase> cases = jdbc.sql("""
                        SELECT c.id, c.reference FROM incident_case l JOIN case_file c ON c.id = l.case_id
                        WHERE l.organization_id = ? AND l.incident_id = ? ORDER BY c.reference
                        """)
                .params(organization, id)
                .query((rs, n) -> new LinkedCase(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return new Incident(id, stored.reference(), stored.fields(), perpetrators, linked, cases, stored.version());
    }

    /**
     * The values of the columns an incident's form sets, sealed where encrypted, in the order of the
     * INSERT and UPDATE statements (establishment … outcomes).
     */
    private List<Object> columns(UUID organization, UUID id, Map<String, Object> values) {
        List<Object> columns = new ArrayList<>();
        for (String column : List.of(
                "establishment",
                "address",
                "coordinates",
                "province",
                "district",
                "country",
                "exploitation_types",
                "first_seen",
                "last_seen",
                "summary",
                "status",
                "outcomes")) {
            columns.add(
                    ENCRYPTED.contains(column)
                            ? seal(organization, id, column, (String) values.get(column))
                            : values.get(column));
        }
        return columns;
    }

    private static final Set<String> ENCRYPTED = Set.of("establishment", "address", "coordinates", "summary");

    private static List<Object> row(List<Object> before, List<Object> columns, Object... after) {
        List<Object> row = new ArrayList<>(before);
        row.addAll(columns);
        row.addAll(Arrays.asList(after));
        return row;
    }

    /** The input checked and tidied into column values; a null field keeps its value from {@code base}. */
    static Map<String, Object> checked(IncidentInput input, IncidentInput base) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("establishment", pick(input.establishment(), base.establishment()));
        values.put("address", pick(input.address(), base.address()));
        String coordinates = pick(input.coordinates(), base.coordinates());
        values.put("coordinates", coordinates == null ? null : coordinates(coordinates));
        String province = input.province() != null ? blank(input.province()) : base.province();
        try {
            values.put("province", Vocabulary.province(province));
        } catch (Refusal refused) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.province.invalid");
        }
        String district = input.district() != null ? blank(input.district()) : base.district();
        if (district != null && !Vocabulary.isDistrictOf(province, district)) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.district.invalid");
        }
        values.put("district", district);
        String country = input.country() != null ? blank(input.country()) : base.country();
        try {
            values.put("country", Vocabulary.country(country, "country"));
        } catch (Refusal refused) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.country.invalid");
        }
        List<String> types = input.exploitationTypes() != null ? input.exploitationTypes() : base.exploitationTypes();
        try {
            values.put(
                    "exploitation_types",
                    Vocabulary.codes(Vocabulary.ExploitationType.class, types, "exploitationTypes").stream()
                            .map(Enum::name)
                            .sorted()
                            .toArray(String[]::new));
        } catch (Refusal refused) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.types.invalid");
        }
        LocalDate first = input.firstSeen() != null ? input.firstSeen() : base.firstSeen();
        LocalDate last = input.lastSeen() != null ? input.lastSeen() : base.lastSeen();
        if (first != null && last != null && first.isAfter(last)) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.dates.order");
        }
        values.put("first_seen", first == null ? null : Date.valueOf(first));
        values.put("last_seen", last == null ? null : Date.valueOf(last));
        values.put("summary", pick(input.summary(), base.summary()));
        String status = input.status() != null && !input.status().isBlank() ? input.status() : base.status();
        if (!IncidentInput.STATUSES.contains(status)) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.status.invalid");
        }
        values.put("status", status);
        List<String> outcomes = input.outcomes() != null ? input.outcomes() : base.outcomes();
        List<String> kept = outcomes == null
                ? List.of()
                : outcomes.stream()
                        .filter(o -> o != null && !o.isBlank())
                        .distinct()
                        .toList();
        if (!IncidentInput.OUTCOMES.containsAll(kept)) {
            throw new Refusal(Status.UNPROCESSABLE, "incident.outcome.invalid");
        }
        values.put(
                "outcomes",
                IncidentInput.OUTCOMES.stream().filter(kept::contains).toArray(String[]::new));
        return values;
    }

    static List<String> changedFields(Map<String, Object> after, Map<String, Object> before) {
        return after.keySet().stream()
                .filter(k -> !equal(after.get(k), before.get(k)))
                .toList();
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Object[] x && b instanceof Object[] y) {
            return Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }

    /** "11.5564, 104.9282": a latitude and a longitude in range, written back the same way. */
    private static String coordinates(String value) {
        String[] parts = value.split("[,\\s]+");
        try {
            if (parts.length == 2) {
                double latitude = Double.parseDouble(parts[0]);
                double longitude = Double.parseDouble(parts[1]);
                if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
                    return parts[0] + ", " + parts[1];
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refusal(Status.UNPROCESSABLE, "incident.coordinates.invalid");
    }

    private static List<String> typesOf(String category) {
        if (category == null) {
            return List.of();
        }
        return switch (category) {
            case "FORCED_LABOUR_BEGGING" -> List.of("ForcedLabour");
            case "OTHER" -> List.of();
            default -> List.of("SexualExploitation");
        };
    }

    private void writePlaceTokens(UUID organization, UUID id, String establishment) {
        List<BlindIndex.Token> place = tokens.place(organization, establishment);
        if (!place.isEmpty()) {
            jdbc.sql("INSERT INTO incident_token (organization_id, token, kind, incident_id)"
                            + " SELECT ?, unnest(?::bigint[]), 'PLACE', ?")
                    .params(organization, BlindIndex.values(place), id)
                    .update();
        }
    }

    private void touch(UUID organization, UUID incident) {
        jdbc.sql("UPDATE incident SET updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(Timestamp.from(clock.instant()), organization, incident)
                .update();
    }

    private byte[] establishmentOf(UUID organization, UUID id) {
        return jdbc.sql("SELECT establishment FROM incident WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> rs.getBytes(1))
                .single();
    }

    private static final String ROW_SQL = """
            SELECT i.*, (SELECT count(*) FROM incident_report l WHERE l.incident_id = i.id) AS reports
            FROM incident i""";

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("province"),
                rs.getString("district"),
                rs.getString("country"),
                rs.getString("status"),
                strings(rs, "exploitation_types"),
                localDate(rs.getDate("last_seen")),
                rs.getInt("reports"));
    }

    private byte[] seal(UUID organization, UUID id, String column, String value) {
        return value == null
                ? null
                : cipher.seal(organization, new Cell(TABLE, column, id), value).bytes();
    }

    private String decrypt(UUID organization, UUID id, String column, byte[] value) {
        return value == null
                ? null
                : cipher.open(organization, new Cell(TABLE, column, id), EncryptedText.fromDatabase(value));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static String pick(String typed, String base) {
        return typed != null ? blank(typed) : base;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }
}
