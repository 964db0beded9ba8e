package org.haven.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The closed code lists of case management, named as in HTCDS v2.0 and CTDC where those define them.
 * Screens show each code through the message key {@code code.<List>.<NAME>}.
 */
public final class Vocabulary {

    private Vocabulary() {}

    public enum Gender {
        Feminine,
        Masculine,
        TransgenderFeminine,
        TransgenderMasculine,
        NonConforming,
        NonSpecifiedUnknown
    }

    public enum TraffickingStatus {
        Possible,
        Actual,
        NotAVictim
    }

    public enum ExploitationType {
        ForcedLabour,
        SexualExploitation,
        ForcedMarriage,
        ForcedMilitary,
        OrganRemoval,
        SlaveryAndPractices,
        ChildLabour,
        ForcedAdoption,
        Surrogacy,
        Other
    }

    public enum SexualExploitation {
        Prostitution,
        Pornography,
        RemoteInteractiveServices,
        PrivateSexualServices
    }

    public enum MeansOfControl {
        DebtBondage,
        TakesEarnings,
        RestrictsFinancialAccess,
        Threats,
        PsychologicalAbuse,
        PhysicalAbuse,
        SexualAbuse,
        FalsePromises,
        PsychoactiveSubstances,
        RestrictsMovement,
        RestrictsMedicalCare,
        ExcessiveWorkingHours,
        UsesChildren,
        ThreatOfLawEnforcement,
        WithholdsNecessities,
        WithholdsDocuments,
        Other,
        NotSpecified
    }

    public enum RecruiterRelation {
        IntimatePartner,
        Friend,
        Family,
        Other,
        Unknown
    }

    public enum RiskLevel {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    public enum Relationship {
        MOTHER,
        FATHER,
        SIBLING,
        GRANDPARENT,
        AUNT_UNCLE,
        OTHER_RELATIVE,
        LEGAL_GUARDIAN,
        FOSTER_CARER,
        OTHER
    }

    public enum NoteKind {
        CONTACT,
        HOME_VISIT,
        PHONE_CALL,
        COURT,
        MEDICAL,
        OTHER
    }

    public enum ServiceType {
        SHELTER,
        MEDICAL,
        HIV_STI_CARE,
        DRUG_TREATMENT,
        COUNSELLING,
        EDUCATION,
        VOCATIONAL_TRAINING,
        LEGAL_ACCOMPANIMENT,
        FAMILY_TRACING,
        FAMILY_ASSESSMENT,
        LIVELIHOOD,
        OTHER
    }

    public enum ServiceStatus {
        PLANNED,
        IN_PROGRESS,
        DELIVERED,
        CANCELLED
    }

    public enum FlagKind {
        SAFETY_CONCERN,
        URGENT_MEDICAL,
        LEGAL_DEADLINE,
        MISSING_DOCUMENTS,
        OTHER
    }

    public enum Contact {
        REACHED,
        NOT_REACHED
    }

    public enum Safety {
        SAFE,
        CONCERNS,
        UNSAFE
    }

    public enum SchoolOrWork {
        IN_SCHOOL,
        IN_TRAINING,
        WORKING,
        NEITHER
    }

    public enum Health {
        GOOD,
        NEEDS_CARE,
        IN_TREATMENT
    }

    /** The re-exploitation check of a follow-up; the last two reopen the case. */
    public enum Exploitation {
        NONE,
        AT_RISK,
        RE_EXPLOITED,
        MISSING;

        public boolean reopens() {
            return this == RE_EXPLOITED || this == MISSING;
        }
    }

    /** Cambodia's 25 provinces by their ISO 3166-2:KH codes. */
    public static final List<String> PROVINCES = List.of(
            "KH-12", "KH-1", "KH-2", "KH-3", "KH-4", "KH-5", "KH-6", "KH-7", "KH-8", "KH-9", "KH-10", "KH-11", "KH-13",
            "KH-14", "KH-15", "KH-16", "KH-17", "KH-18", "KH-19", "KH-20", "KH-21", "KH-22", "KH-23", "KH-24", "KH-25");

    /** The code of {@code type} named {@code value}, or a refusal naming the field. */
    public static <E extends Enum<E>> E code(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal(Status.UNPROCESSABLE, "case.field.invalid", label(field));
        }
    }

    /** The codes named in {@code values}, each checked, without repeats. */
    public static <E extends Enum<E>> Set<E> codes(Class<E> type, List<String> values, String field) {
        Set<E> codes = EnumSet.noneOf(type);
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> codes.add(code(type, v, field)));
        }
        return codes;
    }

    /** A province code, or a refusal. */
    public static String province(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!PROVINCES.contains(value.strip())) {
            throw new Refusal(Status.UNPROCESSABLE, "case.field.invalid", label("province"));
        }
        return value.strip();
    }

    /** An ISO 3166-1 alpha-2 country code, or a refusal. */
    public static String country(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!Arrays.asList(java.util.Locale.getISOCountries()).contains(code)) {
            throw new Refusal(Status.UNPROCESSABLE, "case.field.invalid", label(field));
        }
        return code;
    }

    /** The field's name as the message bundles give it, for refusals that name the field. */
    static MessageSourceResolvable label(String field) {
        return new DefaultMessageSourceResolvable(new String[] {"field." + field}, field);
    }

    static String[] names(Set<? extends Enum<?>> codes) {
        return codes.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
