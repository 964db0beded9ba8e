package org.haven.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.cases.documents.ExportArchive;
import org.haven.cases.documents.ExportFormat;
import org.haven.cases.documents.Table;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffNames;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports the cases within the actor's scope that match a filter, as one table "cases" in a
 * password-protected archive (AES-256 ZIP; CSV, XLSX and/or JSON; spreadsheet formulas neutralized).
 *
 * <p>Who: supervisors ({@link Permission#CASE_APPROVE}), within their record scope (their team, or
 * their break-glass grants). A bulk file of identifying data is the easiest way for many children's
 * whereabouts to leave the organization at once, through a coerced or careless account or a lost
 * laptop, so it is a supervisor's decision; caseworkers print one case at a time ({@link CaseSummaries}).
 *
 * <p>What: the columns of {@link #COLUMNS}. Identifying data is limited to what is needed to recognize
 * the child on a list (name in both scripts, age in years, sex, province). Never exported: phone,
 * address, date of birth, aliases, the narrative and case summary, places of exploitation, means of
 * control, notes, assessments and health answers. Column names are stable English identifiers, so
 * JSON keys and scripts do not change with the language; codes (stage, risk, sex, province, types of
 * exploitation) are shown in the requester's language, the HTCDS status as its standard code, dates
 * as ISO 8601 so spreadsheets sort them.
 *
 * <p>Every export is audited as {@link AuditAction#EXPORT}, with the filters, formats, row count and the
 * references exported in its (encrypted) details.
 */
@Service
public class CaseExports {

    /** The columns of the "cases" table, in order. */
    static final List<String> COLUMNS = List.of(
            "reference",
            "stage",
            "htcds_status",
            "risk_level",
            "caseworker",
            "province",
            "exploitation_types",
            "opened_on",
            "last_contact_on",
            "name",
            "name_khmer",
            "age",
            "sex");

    /** More matching cases than this are refused: narrow the filter and export in parts. */
    static final int MAX_ROWS = 5_000;

    static final int MAX_PASSWORD_LENGTH = 200;

    /** What to export. {@code open} keeps open cases only (ignored when a stage is chosen). */
    public record Request(
            String query, String stage, String risk, boolean open, List<String> formats, char[] password) {}

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final People people;
    private final StaffNames names;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    CaseExports(
            JdbcClient jdbc,
            CaseAccess access,
            People people,
            StaffNames names,
            AuditTrail audit,
            MessageSource messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.people = people;
        this.names = names;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** Refuses a password the archive would refuse, before any work. */
    public static void checkPassword(char[] password) {
        if (password == null || password.length < ExportArchive.MIN_PASSWORD_LENGTH) {
            throw new Refusal(Status.UNPROCESSABLE, "documents.export.password.short");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new Refusal(Status.UNPROCESSABLE, "documents.export.password.long");
        }
    }

    /** The formats asked, each checked; at least one. */
    public static Set<ExportFormat> formats(List<String> asked) {
        Set<ExportFormat> formats = Vocabulary.codes(ExportFormat.class, asked, "formats");
        if (formats.isEmpty()) {
            throw new Refusal(Status.UNPROCESSABLE, "documents.export.formats.required");
        }
        return EnumSet.copyOf(formats);
    }

    /** The archive; the export is audited in the same transaction. */
    @Transactional
    public DocumentFile export(CurrentUser actor, Request request, Locale locale) {
        access.require(actor, Permission.CASE_APPROVE);
        checkPassword(request.password());
        Set<ExportFormat> formats = formats(request.formats());
        String query = request.query() == null ? "" : request.query().strip();
        if (query.length() > 200) {
            throw new Refusal(Status.UNPROCESSABLE, "person.search.invalid");
        }
        StringBuilder where = new StringBuilder(" AND " + CaseAccess.SCOPE_CONDITION);
        Map<String, Object> params = new HashMap<>();
        String stage = blank(request.stage());
        String risk = blank(request.risk());
        if (stage != null) {
            where.append(" AND c.stage = :stage");
            params.put("stage", Vocabulary.code(CaseStage.class, stage, "stage").name());
        } else if (request.open()) {
            where.append(" AND c.stage NOT IN ('CLOSED', 'TRANSFERRED')");
        }
        if (risk != null) {
            where.append(" AND c.risk_level = :risk");
            params.put("risk", Vocabulary.code(RiskLevel.class, risk, "risk").name());
        }
        if (!query.isEmpty()) {
            List<UUID> found = people.matching(actor.organizationId(), query).stream()
                    .map(s -> s.person().id())
                    .toList();
            where.append(" AND (c.person_id = ANY(:people) OR c.reference = :reference)");
            params.put("people", found.toArray(UUID[]::new));
            params.put("reference", query.toUpperCase(Locale.ROOT));
        }
        List<Raw> raw = rows(actor, where.toString(), params);
        if (raw.size() > MAX_ROWS) {
            throw new Refusal(Status.UNPROCESSABLE, "documents.export.tooMany");
        }
        Table table = table(actor, raw, new DocumentLabels(messages, locale));
        byte[] archive = ExportArchive.toBytes(List.of(table), formats, request.password());

        audit.record(AuditEntry.of(AuditAction.EXPORT)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, null)
                .fields(COLUMNS)
                .detail("terms", query)
                .detail("stage", Objects.toString(stage, ""))
                .detail("risk", Objects.toString(risk, ""))
                .detail("open", request.open())
                .detail("formats", formats.stream().map(Enum::name).toList().toString())
                .detail("language", locale.getLanguage())
                .detail("rows", raw.size())
                .detail(
                        "references",
                        String.join(" ", raw.stream().map(Raw::reference).toList()))
                .build());
        return new DocumentFile(fileName(clock.instant()), "application/zip", archive);
    }

    static String fileName(Instant at) {
        return "haven-cases-"
                + DateTimeFormatter.ISO_LOCAL_DATE.format(
                        at.atZone(DocumentLabels.ZONE).toLocalDate()) + ".zip";
    }

    private record Raw(
            UUID id,
            UUID person,
            String reference,
            String stage,
            String risk,
            UUID caseworker,
            List<String> types,
            Instant opened,
            Instant lastContact) {}

    /** One more row than allowed is read, to tell "too many" from "exactly the limit". */
    private List<Raw> rows(CurrentUser actor, String where, Map<String, Object> params) {
        String sql = """
                SELECT c.id, c.person_id, c.reference, c.stage, c.risk_level, c.caseworker_id, c.exploitation_types,
                    c.opened_at, c.last_contact_at
                FROM case_file c WHERE c.organization_id = :organization""" + where + " ORDER BY c.opened_at, c.reference LIMIT " + (MAX_ROWS + 1);
        JdbcClient.StatementSpec statement =
                access.scoped(jdbc.sql(sql), actor).param("organization", actor.organizationId());
        for (Map.Entry<String, Object> param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement
                .query((rs, n) -> new Raw(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, UUID.class),
                        CaseFiles.strings(rs.getArray(7)),
                        CaseFiles.instant(rs.getTimestamp(8)),
                        CaseFiles.instant(rs.getTimestamp(9))))
                .list();
    }

    private Table table(CurrentUser actor, List<Raw> raw, DocumentLabels labels) {
        Map<UUID, PersonView> persons = new HashMap<>();
        people.readAll(
                        actor.organizationId(),
                        raw.stream().map(Raw::person).distinct().toList())
                .forEach(p -> persons.put(p.id(), p));
        Map<UUID, String> staff = names.of(raw.stream()
                .map(Raw::caseworker)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        LocalDate today = LocalDate.now(clock.withZone(DocumentLabels.ZONE));
        List<List<String>> rows = new ArrayList<>(raw.size());
        for (Raw r : raw) {
            PersonView p = persons.get(r.person());
            CaseStage stage = CaseStage.valueOf(r.stage());
            Integer age = p == null ? null : p.ageOn(today);
            rows.add(java.util.Arrays.asList(
                    r.reference(),
                    labels.code("CaseStage", stage.name()),
                    stage.htcdsStatus(),
                    labels.code("RiskLevel", r.risk()),
                    staff.get(r.caseworker()),
                    p == null ? null : labels.code("Province", p.province()),
                    labels.codes("ExploitationType", r.types()),
                    iso(r.opened()),
                    iso(r.lastContact()),
                    p == null ? null : p.name(),
                    p == null ? null : p.nameKhmer(),
                    age == null ? null : age.toString(),
                    p == null ? null : labels.code("Sex", p.sex())));
        }
        return new Table("cases", COLUMNS, rows);
    }

    private static String iso(Instant instant) {
        return instant == null
                ? null
                : DateTimeFormatter.ISO_LOCAL_DATE.format(
                        instant.atZone(DocumentLabels.ZONE).toLocalDate());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
