package org.haven.intake.routing;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentUser;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.platform.Ids;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.vault.Cell;
import org.haven.vault.EncryptedText;
import org.haven.vault.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake organization's registry of partners: who they are (an organization inside Haven, or one
 * outside reached by its encrypted contact details), which report categories and places they handle,
 * and whether they were vetted. Only a vetted, active partner can receive a report.
 *
 * <p>Vetting takes two people: whoever registered or last changed a partner cannot vet it, and changing
 * who a partner is (kind, organization, contact details) withdraws its vetting. So one coerced account
 * cannot invent a "partner" and send reports to it. Every list, read and change is audited.
 */
@Service
public class Partners {

    static final String TABLE = "partner";

    /** A partner as the registry shows it; {@code contact} is decrypted, for outside partners only. */
    public record Partner(
            UUID id,
            String name,
            String kind,
            UUID partnerOrganizationId,
            String contact,
            List<String> categories,
            List<String> provinces,
            List<String> countries,
            boolean vetted,
            LocalDate vettedOn,
            boolean active,
            int version) {}

    /** A registration or a change; on a change, null fields are left as they are. */
    public record PartnerInput(
            @Size(max = 200) String name,
            @Pattern(regexp = "|INSIDE|OUTSIDE") String kind,
            UUID partnerOrganization,
            @Size(max = 2_000) String contact,
            @Size(max = 10) List<String> categories,
            @Size(max = 30) List<String> provinces,
            @Size(max = 50) List<String> countries,
            Boolean vetted,
            Boolean active) {}

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final Clock clock;

    Partners(JdbcClient jdbc, FieldCipher cipher, Organizations organizations, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organization's partners, active and vetted first; the list is audited. */
    @Transactional
    public List<Partner> list(CurrentUser actor) {
        require(actor);
        List<Partner> partners = jdbc.sql("SELECT * FROM partner WHERE organization_id = ?"
                        + " ORDER BY active DESC, vetted DESC, name, id LIMIT 500")
                .param(actor.organizationId())
                .query((rs, n) -> partner(actor.organizationId(), rs))
                .list();
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, null)
                .detail("results", partners.size())
                .build());
        return partners;
    }

    /** One partner; the read is audited. */
    @Transactional
    public Partner read(CurrentUser actor, UUID id) {
        require(actor);
        Partner partner = find(actor.organizationId(), id);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(List.of("contact"))
                .build());
        return partner;
    }

    /** Registers a partner, not yet vetted (someone else vets it). */
    @Transactional
    public UUID register(CurrentUser actor, PartnerInput input) {
        require(actor);
        String name = blank(input.name());
        if (name == null) {
            throw new Refusal(Status.UNPROCESSABLE, "partner.name.required");
        }
        String kind = input.kind() == null ? "" : input.kind();
        if (!RoutingCodes.KINDS.contains(kind)) {
            throw new Refusal(Status.UNPROCESSABLE, "partner.kind.invalid");
        }
        UUID inside = checkedOrganization(actor, kind, input.partnerOrganization());
        String contact = "OUTSIDE".equals(kind) ? blank(input.contact()) : null;
        UUID id = Ids.next();
        jdbc.sql("""
                        INSERT INTO partner (id, organization_id, name, kind, partner_organization_id, contact, categories,
                            provinces, countries, active, changed_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        actor.organizationId(),
                        name,
                        kind,
                        inside,
                        seal(actor.organizationId(), id, contact),
                        array(RoutingCodes.codes(
                                input.categories(), RoutingCodes.CATEGORIES, "partner.categories.invalid")),
                        array(provinces(input.provinces())),
                        array(RoutingCodes.countries(input.countries())),
                        !Boolean.FALSE.equals(input.active()),
                        actor.id(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .detail("kind", kind)
                .build());
        return id;
    }

    /**
     * Changes a partner if nobody changed it since {@code version}. Changing who the partner is
     * withdraws its vetting; {@code vetted = true} vets it, refused to whoever last changed it.
     */
    @Transactional
    public void change(CurrentUser actor, UUID id, int version, PartnerInput input) {
        require(actor);
        record Stored(String kind, UUID inside, String contact, boolean vetted, UUID changedBy) {}
        Stored stored = jdbc.sql("SELECT * FROM partner WHERE organization_id = ? AND id = ?")
                .params(actor.organizationId(), id)
                .query((rs, n) -> new Stored(
                        rs.getString("kind"),
                        rs.getObject("partner_organization_id", UUID.class),
                        open(actor.organizationId(), id, rs.getBytes("contact")),
                        rs.getBoolean("vetted"),
                        rs.getObject("changed_by", UUID.class)))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "partner.notFound"));
        String kind = blank(input.kind()) == null ? stored.kind() : input.kind();
        if (!RoutingCodes.KINDS.contains(kind)) {
            throw new Refusal(Status.UNPROCESSABLE, "partner.kind.invalid");
        }
        UUID inside = "INSIDE".equals(kind)
                ? checkedOrganization(
                        actor,
                        kind,
                        input.partnerOrganization() == null ? stored.inside() : input.partnerOrganization())
                : null;
        String contact =
                "OUTSIDE".equals(kind) ? (input.contact() == null ? stored.contact() : blank(input.contact())) : null;
        boolean identityChanged = !kind.equals(stored.kind())
                || !Objects.equals(inside, stored.inside())
                || !Objects.equals(contact, stored.contact());
        boolean vetting = Boolean.TRUE.equals(input.vetted()) && !stored.vetted();
        if (vetting && (identityChanged || actor.id().equals(stored.changedBy()))) {
            throw new Refusal(Status.FORBIDDEN, "partner.vet.ownChange");
        }
        boolean vetted = identityChanged ? false : input.vetted() == null ? stored.vetted() : input.vetted();
        boolean describes = blank(input.name()) != null
                || input.categories() != null
                || input.provinces() != null
                || input.countries() != null
                || identityChanged;
        int updated = jdbc.sql("""
                        UPDATE partner SET name = coalesce(?, name), kind = ?, partner_organization_id = ?, contact = ?,
                            categories = coalesce(?, categories), provinces = coalesce(?, provinces),
                            countries = coalesce(?, countries), active = coalesce(?, active), vetted = ?,
                            vetted_by = CASE WHEN ? THEN ? WHEN ? THEN NULL ELSE vetted_by END,
                            vetted_on = CASE WHEN ? THEN ? WHEN ? THEN NULL ELSE vetted_on END,
                            changed_by = CASE WHEN ? THEN ? ELSE changed_by END, version = version + 1
                        WHERE organization_id = ? AND id = ? AND version = ?
                        """)
                .params(
                        blank(input.name()),
                        kind,
                        inside,
                        seal(actor.organizationId(), id, contact),
                        input.categories() == null
                                ? null
                                : array(RoutingCodes.codes(
                                        input.categories(), RoutingCodes.CATEGORIES, "partner.categories.invalid")),
                        input.provinces() == null ? null : array(provinces(input.provinces())),
                        input.countries() == null ? null : array(RoutingCodes.countries(input.countries())),
                        input.active(),
                        vetted,
                        vetting,
                        actor.id(),
                        !vetted,
                        vetting,
                        java.sql.Date.valueOf(LocalDate.now(clock)),
                        !vetted,
                        describes,
                        actor.id(),
                        actor.organizationId(),
                        id,
                        version)
                .update();
        if (updated != 1) {
            throw new Refusal(Status.PRECONDITION_FAILED, "partner.stale");
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(TABLE, id)
                .fields(changedFields(input))
                .detail("vetted", vetted)
                .build());
    }

    /** The active partners, those matching the report first and vetted first among them (not audited: no content). */
    List<Partner> matching(UUID organization, String category, String province, String country) {
        String where = country == null || "KH".equals(country)
                ? "(cardinality(countries) = 0 OR 'KH' = ANY(countries))"
                        + " AND (cardinality(provinces) = 0 OR :province::text IS NULL OR :province::text = ANY(provinces))"
                : ":country::text = ANY(countries)";
        return jdbc
                .sql(
                        "SELECT *, (cardinality(categories) = 0 OR :category::text IS NULL OR :category::text = ANY(categories))"
                                + " AND " + where
                                + " AS matches FROM partner WHERE organization_id = :organization AND active"
                                + " ORDER BY matches DESC, vetted DESC, name, id LIMIT 200")
                .param("category", category)
                .param("province", province)
                .param("country", country)
                .param("organization", organization)
                .query((rs, n) -> rs.getBoolean("matches") ? partner(organization, rs) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    /** All active partners, matching ones first: what the routing form offers. */
    List<Partner> active(UUID organization) {
        return jdbc.sql("SELECT * FROM partner WHERE organization_id = ? AND active ORDER BY vetted DESC, name, id")
                .param(organization)
                .query((rs, n) -> partner(organization, rs))
                .list();
    }

    /** A partner of the organization (the caller scopes and audits). */
    Partner find(UUID organization, UUID id) {
        return jdbc.sql("SELECT * FROM partner WHERE organization_id = ? AND id = ?")
                .params(organization, id)
                .query((rs, n) -> partner(organization, rs))
                .optional()
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "partner.notFound"));
    }

    /** Organizations inside Haven a partner may be, other than one's own. */
    public List<Organizations.Organization> organizations(CurrentUser actor) {
        return organizations.list().stream()
                .filter(o -> !o.id().equals(actor.organizationId()))
                .toList();
    }

    private UUID checkedOrganization(CurrentUser actor, String kind, UUID organization) {
        if (!"INSIDE".equals(kind)) {
            return null;
        }
        if (organization == null
                || organization.equals(actor.organizationId())
                || organizations.findById(organization).isEmpty()) {
            throw new Refusal(Status.UNPROCESSABLE, "partner.organization.invalid");
        }
        return organization;
    }

    private static List<String> provinces(List<String> asked) {
        return RoutingCodes.codes(asked, org.haven.cases.Vocabulary.PROVINCES, "partner.provinces.invalid");
    }

    private static List<String> changedFields(PartnerInput input) {
        List<String> fields = new ArrayList<>();
        if (input.name() != null) fields.add("name");
        if (input.kind() != null) fields.add("kind");
        if (input.partnerOrganization() != null) fields.add("partner_organization_id");
        if (input.contact() != null) fields.add("contact");
        if (input.categories() != null) fields.add("categories");
        if (input.provinces() != null) fields.add("provinces");
        if (input.countries() != null) fields.add("countries");
        if (input.vetted() != null) fields.add("vetted");
        if (input.active() != null) fields.add("active");
        return fields;
    }

    private Partner partner(UUID organization, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        java.sql.Date vettedOn = rs.getDate("vetted_on");
        return new Partner(
                id,
                rs.getString("name"),
                rs.getString("kind"),
                rs.getObject("partner_organization_id", UUID.class),
                open(organization, id, rs.getBytes("contact")),
                strings(rs.getArray("categories")),
                strings(rs.getArray("provinces")),
                strings(rs.getArray("countries")),
                rs.getBoolean("vetted"),
                vettedOn == null ? null : vettedOn.toLocalDate(),
                rs.getBoolean("active"),
                rs.getInt("version"));
    }

    private byte[] seal(UUID organization, UUID id, String contact) {
        return contact == null
                ? null
                : cipher.seal(organization, new Cell(TABLE, "contact", id), contact)
                        .bytes();
    }

    private String open(UUID organization, UUID id, byte[] stored) {
        return stored == null
                ? null
                : cipher.open(organization, new Cell(TABLE, "contact", id), EncryptedText.fromDatabase(stored));
    }

    private String[] array(List<String> codes) {
        return codes.toArray(String[]::new);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private void require(CurrentUser actor) {
        if (!actor.can(Permission.REPORT_TRIAGE)) {
            throw new Refusal(Status.FORBIDDEN, "intake.forbidden");
        }
        OrganizationScope.enter(jdbc, actor.organizationId());
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
