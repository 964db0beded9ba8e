package org.haven.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.platform.CopyRows;
import org.haven.platform.Ids;
import org.haven.vault.BlindIndex;
import org.haven.vault.Cell;
import org.haven.vault.FieldCipher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes many reports and incidents at once (synthetic data, migrations): the rows {@link Reports} and
 * {@link Incidents} write — report content sealed as {@link Reports#store} seals it, the offender
 * tokens of its phone numbers and handles ({@link OffenderTokens}, so a number in a report meets the
 * same number on an incident), incidents with their place tokens and perpetrators, and the links
 * between them with the triage decision — with the audit events staff actions leave (incident
 * created, perpetrator added, report linked). A public report's submission leaves none, as on the
 * form. No receipt codes: nobody holds one for a bulk-loaded report. Binary COPY on the owner's
 * connection in one transaction (decision 33).
 */
@Component
public class BulkReports {

    /** An incident as triage recorded it, with its perpetrators. */
    public record Incident(IncidentInput input, List<PerpetratorInput> perpetrators, UUID createdBy, Instant at) {}

    /**
     * A report: its content, channel and language, when it arrived (kept to the hour, as on the form),
     * and the index in the batch's incidents it was linked to by {@code linkedBy}, or -1.
     */
    public record Report(
            PublicReport content, String channel, String language, Instant received, int incident, UUID linkedBy) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FieldCipher cipher;
    private final OffenderTokens tokens;
    private final AuditTrail audit;
    private final DataSource owner;

    BulkReports(
            FieldCipher cipher,
            OffenderTokens tokens,
            AuditTrail audit,
            @Qualifier("ownerDataSource") DataSource owner) {
        this.cipher = cipher;
        this.tokens = tokens;
        this.audit = audit;
        this.owner = owner;
    }

    /** Writes the incidents then the reports in one transaction; returns the incidents' ids in order. */
    public List<UUID> load(UUID organization, List<Incident> incidents, List<Report> reports) {
        CopyRows incidentRows = CopyRows.into(Incidents.TABLE)
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("reference", "text")
                .column("establishment", "bytea")
                .column("address", "bytea")
                .column("coordinates", "bytea")
                .column("province", "text")
                .column("district", "text")
                .column("country", "text")
                .column("exploitation_types", "text[]")
                .column("first_seen", "date")
                .column("last_seen", "date")
                .column("summary", "bytea")
                .column("status", "text")
                .column("outcomes", "text[]")
                .column("created_by", "uuid")
                .column("created_at", "timestamptz")
                .column("updated_at", "timestamptz");
        CopyRows perpetrators = CopyRows.into(Incidents.PERPETRATORS)
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("incident_id", "uuid")
                .column("details", "bytea")
                .column("added_by", "uuid")
                .column("added_at", "timestamptz");
        CopyRows incidentTokens = CopyRows.into("incident_token")
                .column("organization_id", "uuid")
                .column("token", "bigint")
                .column("kind", "text")
                .column("incident_id", "uuid")
                .column("perpetrator_id", "uuid");
        CopyRows reportRows = CopyRows.into(Reports.TABLE)
                .column("id", "uuid")
                .column("organization_id", "uuid")
                .column("channel", "text")
                .column("language", "text")
                .column("received_hour", "timestamptz")
                .column("danger_now", "bool")
                .column("province", "text")
                .column("district", "text")
                .column("country", "text")
                .column("children_count", "int")
                .column("content", "bytea")
                .column("decision", "text");
        CopyRows reportTokens = CopyRows.into("report_token")
                .column("organization_id", "uuid")
                .column("token", "bigint")
                .column("kind", "text")
                .column("report_id", "uuid");
        CopyRows links = CopyRows.into("incident_report")
                .column("organization_id", "uuid")
                .column("incident_id", "uuid")
                .column("report_id", "uuid")
                .column("linked_by", "uuid")
                .column("linked_at", "timestamptz");
        List<AuditEntry> events = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<Map<String, Object>> checked = new ArrayList<>();
        for (Incident incident : incidents) {
            ids.add(Ids.next());
            checked.add(Incidents.checked(incident.input(), IncidentInput.empty()));
        }
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                int first = reserve(c, organization, incidents);
                for (int i = 0; i < incidents.size(); i++) {
                    Incident incident = incidents.get(i);
                    UUID id = ids.get(i);
                    Map<String, Object> values = checked.get(i);
                    incidentRows.add(
                            id,
                            organization,
                            "INC-%d-%04d".formatted(year(incident.at()), first + i),
                            seal(organization, Incidents.TABLE, "establishment", id, values.get("establishment")),
                            seal(organization, Incidents.TABLE, "address", id, values.get("address")),
                            seal(organization, Incidents.TABLE, "coordinates", id, values.get("coordinates")),
                            values.get("province"),
                            values.get("district"),
                            values.get("country"),
                            List.of((String[]) values.get("exploitation_types")),
                            values.get("first_seen"),
                            values.get("last_seen"),
                            seal(organization, Incidents.TABLE, "summary", id, values.get("summary")),
                            values.get("status"),
                            List.of((String[]) values.get("outcomes")),
                            incident.createdBy(),
                            incident.at(),
                            incident.at());
                    for (BlindIndex.Token token : tokens.place(organization, (String) values.get("establishment"))) {
                        incidentTokens.add(organization, token.value(), "PLACE", id, null);
                    }
                    events.add(AuditEntry.of(AuditAction.RECORD_CREATED)
                            .by(incident.createdBy(), organization)
                            .on(Incidents.TABLE, id)
                            .fields(Incidents.changedFields(values, Map.of()))
                            .build());
                    for (PerpetratorInput details : incident.perpetrators()) {
                        UUID perpetrator = Ids.next();
                        perpetrators.add(
                                perpetrator,
                                organization,
                                id,
                                cipher.seal(
                                                organization,
                                                new Cell(Incidents.PERPETRATORS, "details", perpetrator),
                                                JSON.writeValueAsString(details))
                                        .bytes(),
                                incident.createdBy(),
                                incident.at());
                        for (OffenderTokens.Keyed k : tokens.of(organization, details.phones(), details.handles())) {
                            incidentTokens.add(organization, k.token(), k.kind(), id, perpetrator);
                        }
                        events.add(AuditEntry.of(AuditAction.RECORD_CREATED)
                                .by(incident.createdBy(), organization)
                                .on(Incidents.PERPETRATORS, perpetrator)
                                .detail("incident", id.toString())
                                .build());
                    }
                }
                for (Report report : reports) {
                    // A random id, as on the form: a time-ordered one would keep the exact moment.
                    UUID id = UUID.randomUUID();
                    PublicReport content = report.content();
                    boolean linked = report.incident() >= 0;
                    reportRows.add(
                            id,
                            organization,
                            report.channel(),
                            report.language(),
                            report.received().truncatedTo(ChronoUnit.HOURS),
                            Boolean.TRUE.equals(content.dangerNow()),
                            Reports.province(content),
                            Reports.blank(content.district()),
                            Reports.country(content.country()),
                            content.childrenCount(),
                            cipher.seal(
                                            organization,
                                            new Cell(Reports.TABLE, "content", id),
                                            JSON.writeValueAsString(content))
                                    .bytes(),
                            linked ? "INCIDENT" : null);
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    for (OffenderTokens.Keyed k : tokens.of(organization, content.phones(), content.handles())) {
                        if (seen.add(k.token())) {
                            reportTokens.add(organization, k.token(), k.kind(), id);
                        }
                    }
                    if (linked) {
                        UUID incident = ids.get(report.incident());
                        Instant at = report.received().plus(1, ChronoUnit.DAYS);
                        links.add(organization, incident, id, report.linkedBy(), at);
                        events.add(AuditEntry.of(AuditAction.RECORD_CHANGED)
                                .by(report.linkedBy(), organization)
                                .on(Incidents.TABLE, incident)
                                .fields(List.of("reports"))
                                .detail("report", id.toString())
                                .build());
                    }
                }
                for (CopyRows rows :
                        List.of(incidentRows, perpetrators, incidentTokens, reportRows, reportTokens, links)) {
                    rows.copy(c);
                }
                audit.rowsOf(events).copy(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The bulk load of reports failed: " + e.getSQLState(), e);
        }
        return ids;
    }

    /** Reserves the incidents' reference numbers (one year for the batch: that of its first incident). */
    private int reserve(Connection c, UUID organization, List<Incident> incidents) throws SQLException {
        if (incidents.isEmpty()) {
            return 1;
        }
        int year = year(incidents.get(0).at());
        for (Incident incident : incidents) {
            if (year(incident.at()) != year) {
                throw new IllegalArgumentException("A batch's incidents are of one year");
            }
        }
        try (PreparedStatement statement = c.prepareStatement("""
                INSERT INTO incident_counter (organization_id, year, last_number) VALUES (?, ?, ?)
                ON CONFLICT (organization_id, year) DO UPDATE SET last_number = incident_counter.last_number + ?
                RETURNING last_number
                """)) {
            statement.setObject(1, organization);
            statement.setInt(2, year);
            statement.setInt(3, incidents.size());
            statement.setInt(4, incidents.size());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1) - incidents.size() + 1;
            }
        }
    }

    private static int year(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).getYear();
    }

    private byte[] seal(UUID organization, String table, String column, UUID id, Object value) {
        return value == null
                ? null
                : cipher.seal(organization, new Cell(table, column, id), (String) value)
                        .bytes();
    }
}
