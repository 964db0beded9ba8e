package org.haven.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.PhoneNumbers;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.BlindIndex;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.haven.vault.KeysDestroyedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * People known to an organization. The database sees only ciphertext and blind-index tokens; every
 * read, search and change is audited in its transaction, changes with their old and new values
 * (encrypted). Staff reach people of their own organization; a child with a case only through a
 * case within their scope ({@link CaseAccess#reachesPerson}).
 */
@Service
public class People {

    static final String TABLE = "person";
    static final List<String> ENCRYPTED =
            List.of("name", "name_khmer", "aliases", "birth_date", "phone", "narrative", "address");
    static final String NAME_INDEX = "person.name";
    static final String PHONE_INDEX = "person.phone";
    static final int SEARCH_LIMIT = 20;
    private static final int CANDIDATES = 200;
    /**
     * The query tokens that count when common ones are left out (decision 37): each token's postings
     * counted up to the threshold; those under it, unless none of them finds anyone, then all. Its
     * parameters: tokens, weights, organization, threshold, threshold, threshold.
     */
    private static final String RARE_TOKENS_FIRST = """
            WITH q AS (SELECT token, weight FROM unnest(?::bigint[], ?::int[]) AS q(token, weight)),
            counted AS (
                SELECT q.token, q.weight, (SELECT count(*) FROM (
                        SELECT 1 FROM person_token t WHERE t.organization_id = ? AND t.token = q.token LIMIT ?) p)
                    AS postings
                FROM q)
            SELECT token, weight FROM counted
            WHERE postings < ? OR NOT EXISTS (SELECT 1 FROM counted WHERE postings BETWEEN 1 AND ? - 1)""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final BlindIndex index;
    private final AuditTrail audit;
    private final Clock clock;
    private final CaseAccess access;
    private final int commonPostings;
    private final SearchPostings postings;

    People(
            JdbcClient jdbc,
            FieldCipher cipher,
            BlindIndex index,
            AuditTrail audit,
            Clock clock,
            CaseAccess access,
            SearchPostings postings,
            @Value("${haven.search.common-postings:0}") int commonPostings) {
        this.access = access;
        this.postings = postings;
        this.commonPostings = commonPostings;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
    }

    /** One search result: enough to recognize the person, and how well they matched. */
    public record Match(UUID id, String name, String nameKhmer, String sex, String birthDate, double score) {}

    @Transactional
    public PersonView register(CurrentUser actor, PersonInput input) {
        require(actor, Permission.CASE_WRITE);
        OrganizationScope.enter(jdbc, actor.organizationId());
        Map<String, String> values = normalized(input, null);
        if (values.get("name") == null) {
            throw new Refusal(Status.UNPROCESSABLE, "person.name.required");
        }
        UUID id = Ids.next();
        UUID organization = actor.organizationId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO person (id, organization_id, name, name_khmer, aliases, sex, birth_date, phone,
                                            narrative, address, gender, estimated_age, age_recorded, nationality,
                                            languages, province, created_by, created_at, updated_at)
                        VALUES (:id, :org, :name, :name_khmer, :aliases, :sex, :birth_date, :phone, :narrative,
                                :address, :gender, :estimated_age, :age_recorded, :nationality, :languages,
                                :province, :by, :now, :now)
                        """)
                .param("id", id)
                .param("org", organization)
                .params(sealed(organization, id, values))
                .params(plainColumns(values))
                .param("by", actor.id())
                .param("now", now)
                .update();
        writeTokens(organization, id, values);
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), organization)
                .on(TABLE, id)
                .fields(present(values))
                .build());
        return read(organization, id);
    }

    @Transactional
    public PersonView get(CurrentUser actor, UUID id) {
        require(actor, Permission.CASE_READ);
        OrganizationScope.enter(jdbc, actor.organizationId());
        PersonView person = find(actor, id);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(present(plain(person)))
                .build());
        return person;
    }

    /**
     * Changes a person if nobody else did since {@code expectedVersion}; records which fields changed
     * and, encrypted, their old and new values.
     */
    @Transactional
    public PersonView change(CurrentUser actor, UUID id, int expectedVersion, PersonInput input) {
        require(actor, Permission.CASE_WRITE);
        OrganizationScope.enter(jdbc, actor.organizationId());
        PersonView before = find(actor, id);
        if (before.version() != expectedVersion) {
            throw new Refusal(Status.PRECONDITION_FAILED, "person.stale");
        }
        Map<String, String> old = plain(before);
        Map<String, String> values = normalized(input, old);
        if (values.get("name") == null) {
            throw new Refusal(Status.UNPROCESSABLE, "person.name.required");
        }
        List<String> changed = new ArrayList<>();
        AuditEntry.Builder entry = AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id);
        for (String field : old.keySet()) {
            if (!Objects.equals(old.get(field), values.get(field))) {
                changed.add(field);
                Map<String, String> change = new HashMap<>();
                change.put("old", old.get(field));
                change.put("new", values.get(field));
                entry.detail(field, change);
            }
        }
        if (changed.isEmpty()) {
            return before;
        }
        int updated = jdbc.sql("""
                        UPDATE person SET name = :name, name_khmer = :name_khmer, aliases = :aliases, sex = :sex,
                               birth_date = :birth_date, phone = :phone, narrative = :narrative, address = :address,
                               gender = :gender, estimated_age = :estimated_age, age_recorded = :age_recorded,
                               nationality = :nationality, languages = :languages, province = :province,
                               updated_at = :now, version = version + 1
                        WHERE id = :id AND organization_id = :org AND version = :version
                        """)
                .params(sealed(before.organizationId(), id, values))
                .params(plainColumns(values))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("org", before.organizationId())
                .param("version", expectedVersion)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "person.stale");
        }
        jdbc.sql("DELETE FROM person_token WHERE person_id = ?").param(id).update();
        writeTokens(before.organizationId(), id, values);
        audit.record(entry.fields(changed).build());
        return read(before.organizationId(), id);
    }

    /**
     * Finds people of the actor's organization by name (any script, spacing or spelling close to it)
     * or phone number. The terms are audited, encrypted.
     */
    @Transactional
    public List<Match> search(CurrentUser actor, String typed) {
        require(actor, Permission.CASE_READ);
        OrganizationScope.enter(jdbc, actor.organizationId());
        String terms = typed == null ? "" : typed.strip();
        if (terms.isEmpty() || terms.length() > 200) {
            throw new Refusal(Status.UNPROCESSABLE, "person.search.invalid");
        }
        UUID organization = actor.organizationId();
        List<Match> result = matching(organization, terms).stream()
                .filter(found -> access.reachesPerson(actor, found.person().id()))
                .limit(SEARCH_LIMIT)
                .map(found -> new Match(
                        found.person().id(),
                        found.person().name(),
                        found.person().nameKhmer(),
                        found.person().sex(),
                        found.person().birthDate(),
                        found.score()))
                .toList();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), organization)
                .on(TABLE, null)
                .fields(List.of("name", "phone"))
                .detail("terms", terms)
                .detail("results", result.size())
                .build());
        return result;
    }

    /** A person found by name or phone, with how well they matched (0.5 to 1). */
    record Scored(PersonView person, double score) {}

    /**
     * People of the organization whose names (any script, spelling close to it) or phone numbers match
     * {@code terms}, best first. Not audited: callers audit the search they make of it. Needs the
     * organization's scope entered.
     */
    List<Scored> matching(UUID organization, String terms) {
        List<BlindIndex.Token> query = new ArrayList<>(index.tokens(organization, NAME_INDEX, terms));
        String digits = phoneDigits(terms);
        if (digits.length() >= 6) {
            query.add(index.exact(organization, PHONE_INDEX, digits));
        }
        // Scored in the database (the weights of the query's tokens each person has, as BlindIndex.score):
        // only the best CANDIDATES leave it, however many people share a common trigram. Only when an
        // installation sets haven.search.common-postings (off by default: it costs recall, decision 37),
        // tokens that many people or more share are left out while rarer ones find someone, and without
        // such a token every token counts with its first that many people (in key order, as ties break).
        List<UUID> candidates = candidates(organization, query);
        Map<UUID, Integer> rank = new HashMap<>();
        for (UUID candidate : candidates) {
            rank.put(candidate, rank.size());
        }
        List<Scored> matches = new ArrayList<>();
        ToDoubleFunction<String> similarity = BlindIndex.similarityTo(terms);
        for (PersonView person : readAll(organization, candidates)) {
            double score = confirm(similarity, digits, person);
            if (score >= 0.5) {
                matches.add(new Scored(person, score));
            }
        }
        // Equally good matches in the order the tokens ranked them, not the order the rows came back in.
        matches.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(found -> rank.get(found.person().id())));
        return matches;
    }

    /** The ids of the best CANDIDATES for the query tokens, best first. */
    List<UUID> candidates(UUID organization, List<BlindIndex.Token> query) {
        if (commonPostings <= 0) {
            // A large organization's postings in memory give the same answer (decision 39).
            List<UUID> fromMemory = postings.candidates(
                    organization,
                    query.stream().mapToLong(BlindIndex.Token::value).toArray(),
                    query.stream().mapToInt(BlindIndex.Token::weight).toArray(),
                    CANDIDATES);
            if (fromMemory != null) {
                return fromMemory;
            }
        }
        Long[] tokens = query.stream().map(BlindIndex.Token::value).toArray(Long[]::new);
        Integer[] weights = query.stream().map(BlindIndex.Token::weight).toArray(Integer[]::new);
        if (commonPostings <= 0) {
            return jdbc.sql("""
                            SELECT t.person_id FROM person_token t
                            JOIN unnest(?::bigint[], ?::int[]) AS q(token, weight) ON q.token = t.token
                            WHERE t.organization_id = ?
                            GROUP BY t.person_id ORDER BY sum(q.weight) DESC, t.person_id LIMIT ?""")
                    .params(tokens, weights, organization, CANDIDATES)
                    .query(UUID.class)
                    .list();
        }
        return jdbc.sql("WITH used AS (" + RARE_TOKENS_FIRST + """
                        )
                        SELECT p.person_id FROM used q CROSS JOIN LATERAL (
                            SELECT t.person_id FROM person_token t
                            WHERE t.organization_id = ? AND t.token = q.token LIMIT ?) p
                        GROUP BY p.person_id ORDER BY sum(q.weight) DESC, p.person_id LIMIT ?""")
                .params(tokens, weights, organization, commonPostings, commonPostings, commonPostings)
                .params(organization, commonPostings, CANDIDATES)
                .query(UUID.class)
                .list();
    }

    private static double confirm(ToDoubleFunction<String> similarity, String digits, PersonView person) {
        double best = 0;
        List<String> names = new ArrayList<>(person.aliases());
        names.add(person.name());
        names.add(person.nameKhmer());
        for (String name : names) {
            if (name != null) {
                best = Math.max(best, similarity.applyAsDouble(name));
            }
        }
        if (digits.length() >= 6
                && person.phone() != null
                && phoneDigits(person.phone()).endsWith(digits)) {
            best = 1;
        }
        return best;
    }

    private PersonView find(CurrentUser actor, UUID id) {
        try {
            PersonView person = jdbc.sql("SELECT * FROM person WHERE id = ? AND organization_id = ?")
                    .params(id, actor.organizationId())
                    .query((rs, n) -> map(rs))
                    .optional()
                    .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "person.notFound"));
            if (!access.reachesPerson(actor, id)) {
                throw new Refusal(Status.NOT_FOUND, "person.notFound");
            }
            return person;
        } catch (KeysDestroyedException erased) {
            // The organization's data was erased: what remains is unreadable ciphertext.
            throw new Refusal(Status.NOT_FOUND, "person.notFound");
        }
    }

    /**
     * One person by id. By equality rather than through {@link #readAll}: PostgreSQL plans a statement
     * with an array parameter again on every call (about 130 µs, more than it takes to run), and a case
     * view or change reads its person each time.
     */
    PersonView read(UUID organization, UUID id) {
        return jdbc.sql("SELECT * FROM person WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> map(rs))
                .single();
    }

    List<PersonView> readAll(UUID organization, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM person WHERE organization_id = ? AND id = ANY(?)")
                .params(organization, ids.toArray(UUID[]::new))
                .query((rs, n) -> map(rs))
                .list();
    }

    /** The prefix of a person's columns read beside another row's ({@link #joinedColumns}). */
    private static final String JOINED = "person__";

    /** The columns {@link #map} reads. */
    private static final List<String> COLUMNS = List.of(
            "id",
            "organization_id",
            "name",
            "name_khmer",
            "aliases",
            "sex",
            "birth_date",
            "phone",
            "narrative",
            "created_at",
            "updated_at",
            "version",
            "gender",
            "estimated_age",
            "age_recorded",
            "nationality",
            "languages",
            "province",
            "address");

    /**
     * The select list of a person joined as {@code alias} to another table's row, each column named
     * with a prefix so that none clashes with that row's; read it with {@link #mapJoined}.
     */
    static String joinedColumns(String alias) {
        return COLUMNS.stream()
                .map(column -> alias + "." + column + " AS " + JOINED + column)
                .collect(Collectors.joining(", "));
    }

    /** The person of a row selected with {@link #joinedColumns}. */
    PersonView mapJoined(ResultSet rs) throws SQLException {
        return map(rs, JOINED);
    }

    private PersonView map(ResultSet rs) throws SQLException {
        return map(rs, "");
    }

    private PersonView map(ResultSet rs, String prefix) throws SQLException {
        UUID id = rs.getObject(prefix + "id", UUID.class);
        UUID organization = rs.getObject(prefix + "organization_id", UUID.class);
        String aliases = open(organization, id, "aliases", rs.getBytes(prefix + "aliases"));
        return new PersonView(
                id,
                organization,
                open(organization, id, "name", rs.getBytes(prefix + "name")),
                open(organization, id, "name_khmer", rs.getBytes(prefix + "name_khmer")),
                aliases == null ? List.of() : JSON.readValue(aliases, new TypeReference<List<String>>() {}),
                rs.getString(prefix + "sex"),
                open(organization, id, "birth_date", rs.getBytes(prefix + "birth_date")),
                open(organization, id, "phone", rs.getBytes(prefix + "phone")),
                open(organization, id, "narrative", rs.getBytes(prefix + "narrative")),
                rs.getTimestamp(prefix + "created_at").toInstant(),
                rs.getTimestamp(prefix + "updated_at").toInstant(),
                rs.getInt(prefix + "version"),
                rs.getString(prefix + "gender"),
                (Integer) rs.getObject(prefix + "estimated_age"),
                rs.getObject(prefix + "age_recorded", LocalDate.class),
                rs.getString(prefix + "nationality"),
                List.of((String[]) rs.getArray(prefix + "languages").getArray()),
                rs.getString(prefix + "province"),
                open(organization, id, "address", rs.getBytes(prefix + "address")));
    }

    private String open(UUID organization, UUID id, String column, byte[] stored) {
        return cipher.open(organization, new Cell(TABLE, column, id), EncryptedText.fromDatabase(stored));
    }

    /** Every encrypted column's parameter, sealed for this row. */
    Map<String, Object> sealed(UUID organization, UUID id, Map<String, String> values) {
        Map<String, Object> params = new HashMap<>();
        for (String column : ENCRYPTED) {
            EncryptedText value = cipher.seal(organization, new Cell(TABLE, column, id), values.get(column));
            params.put(column, value == null ? null : value.bytes());
        }
        return params;
    }

    private void writeTokens(UUID organization, UUID id, Map<String, String> values) {
        jdbc.sql("INSERT INTO person_token (organization_id, token, person_id)"
                        + " SELECT ?, unnest(?::bigint[]), ? ON CONFLICT DO NOTHING")
                .params(organization, BlindIndex.values(tokensOf(organization, values)), id)
                .update();
    }

    /** The blind-index tokens stored for a person's normalized values (names, aliases, phone suffixes). */
    List<BlindIndex.Token> tokensOf(UUID organization, Map<String, String> values) {
        return tokensOf(organization, values, new HashMap<>());
    }

    /**
     * {@link #tokensOf(UUID, Map)}, the tokens of each name taken from {@code nameTokens} or computed
     * into it: a bulk load meets the same names again and again. The map belongs to one organization
     * and should live no longer than the load that fills it.
     */
    List<BlindIndex.Token> tokensOf(
            UUID organization, Map<String, String> values, Map<String, List<BlindIndex.Token>> nameTokens) {
        List<String> names = new ArrayList<>();
        names.add(values.get("name"));
        if (values.get("name_khmer") != null) {
            names.add(values.get("name_khmer"));
        }
        if (values.get("aliases") != null) {
            names.addAll(JSON.readValue(values.get("aliases"), new TypeReference<List<String>>() {}));
        }
        List<BlindIndex.Token> tokens = new ArrayList<>(names.stream()
                .flatMap(name ->
                        nameTokens.computeIfAbsent(name, n -> index.tokens(organization, NAME_INDEX, n)).stream())
                .distinct()
                .toList());
        if (values.get("phone") != null) {
            String digits = phoneDigits(values.get("phone"));
            // Every suffix of six digits or more, so a number typed without its prefix still matches.
            for (int start = 0; start + 6 <= digits.length(); start++) {
                tokens.add(index.exact(organization, PHONE_INDEX, digits.substring(start)));
            }
        }
        return tokens;
    }

    /** The input checked and tidied; a null field keeps its value from {@code base}. */
    static Map<String, String> normalized(PersonInput input, Map<String, String> base) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", pick(input.name(), base, "name"));
        values.put("name_khmer", pick(input.nameKhmer(), base, "name_khmer"));
        String aliases = input.aliases() == null
                ? null
                : JSON.writeValueAsString(input.aliases().stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList());
        values.put("aliases", aliases == null ? (base == null ? null : base.get("aliases")) : emptyList(aliases));
        values.put("sex", pick(input.sex(), base, "sex"));
        String birthDate = pick(input.birthDate(), base, "birth_date");
        if (birthDate != null) {
            try {
                LocalDate date = LocalDate.parse(birthDate);
                if (date.isAfter(LocalDate.now()) || date.isBefore(LocalDate.of(1900, 1, 1))) {
                    throw new Refusal(Status.UNPROCESSABLE, "person.birthDate.invalid");
                }
            } catch (DateTimeException e) {
                throw new Refusal(Status.UNPROCESSABLE, "person.birthDate.invalid");
            }
        }
        values.put("birth_date", birthDate);
        values.put("phone", pick(input.phone(), base, "phone"));
        values.put("narrative", pick(input.narrative(), base, "narrative"));
        values.put("address", pick(input.address(), base, "address"));
        String gender = pick(input.gender(), base, "gender");
        values.put(
                "gender",
                gender == null
                        ? null
                        : Vocabulary.code(Vocabulary.Gender.class, gender, "gender")
                                .name());
        if (input.estimatedAge() != null) {
            values.put("estimated_age", input.estimatedAge().toString());
            values.put("age_recorded", LocalDate.now().toString());
        } else {
            values.put("estimated_age", base == null ? null : base.get("estimated_age"));
            values.put("age_recorded", base == null ? null : base.get("age_recorded"));
        }
        String nationality = pick(input.nationality(), base, "nationality");
        values.put("nationality", Vocabulary.country(nationality, "nationality"));
        values.put(
                "languages",
                input.languages() == null
                        ? (base == null ? null : base.get("languages"))
                        : emptyToNull(String.join(",", new java.util.TreeSet<>(input.languages()))));
        values.put("province", Vocabulary.province(pick(input.province(), base, "province")));
        return values;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** The columns stored as they are (codes, not identifying on their own). */
    static Map<String, Object> plainColumns(Map<String, String> values) {
        Map<String, Object> params = new HashMap<>();
        params.put("sex", values.get("sex"));
        params.put("gender", values.get("gender"));
        params.put(
                "estimated_age",
                values.get("estimated_age") == null ? null : Integer.valueOf(values.get("estimated_age")));
        params.put(
                "age_recorded",
                values.get("age_recorded") == null ? null : LocalDate.parse(values.get("age_recorded")));
        params.put("nationality", values.get("nationality"));
        params.put(
                "languages",
                values.get("languages") == null
                        ? new String[0]
                        : values.get("languages").split(","));
        params.put("province", values.get("province"));
        return params;
    }

    private static String emptyList(String json) {
        return json.equals("[]") ? null : json;
    }

    private static String pick(String typed, Map<String, String> base, String field) {
        if (typed == null) {
            return base == null ? null : base.get(field);
        }
        String stripped = typed.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static Map<String, String> plain(PersonView person) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", person.name());
        values.put("name_khmer", person.nameKhmer());
        values.put("aliases", person.aliases().isEmpty() ? null : JSON.writeValueAsString(person.aliases()));
        values.put("sex", person.sex());
        values.put("birth_date", person.birthDate());
        values.put("phone", person.phone());
        values.put("narrative", person.narrative());
        values.put("address", person.address());
        values.put("gender", person.gender());
        values.put(
                "estimated_age",
                person.estimatedAge() == null ? null : person.estimatedAge().toString());
        values.put(
                "age_recorded",
                person.ageRecorded() == null ? null : person.ageRecorded().toString());
        values.put("nationality", person.nationality());
        values.put("languages", person.languages().isEmpty() ? null : String.join(",", person.languages()));
        values.put("province", person.province());
        return values;
    }

    static List<String> present(Map<String, String> values) {
        return values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The digits of a phone number that identify it in its country (see {@link PhoneNumbers#digits}). */
    static String phoneDigits(String value) {
        return PhoneNumbers.digits(value);
    }

    private static void require(CurrentUser actor, Permission permission) {
        if (!actor.can(permission)) {
            throw new Refusal(Status.FORBIDDEN, "person.forbidden");
        }
    }
}
