package org.haven.cases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /**
     * A district (srok), municipality (krong) or Phnom Penh section (khan) by its 4-digit gazetteer code,
     * whose first two digits are its province's number.
     */
    public record District(String code, String province, String englishName, String khmerName) {

        /** The name for a page in {@code locale}: Khmer on Khmer pages, romanized on every other. */
        public String name(Locale locale) {
            return locale != null && "km".equals(locale.getLanguage()) ? khmerName : englishName;
        }
    }

    /**
     * Each province's districts, provinces in the order of {@link #PROVINCES}, districts by code; read once
     * from {@code districts.tsv} beside this class.
     */
    public static final Map<String, List<District>> DISTRICTS = readDistricts("districts.tsv");

    private static final Map<String, District> DISTRICTS_BY_CODE = DISTRICTS.values().stream()
            .flatMap(List::stream)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(District::code, d -> d));

    /** The district with this code, if it is one. */
    public static Optional<District> findDistrict(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(DISTRICTS_BY_CODE.get(code.strip()));
    }

    /**
     * Whether {@code district} may go with {@code province}: no district, or a known district code that
     * lies in the province (any province when none is given).
     */
    public static boolean isDistrictOf(String province, String district) {
        if (district == null || district.isBlank()) {
            return true;
        }
        Optional<District> known = findDistrict(district);
        return known.isPresent()
                && (province == null
                        || province.isBlank()
                        || known.get().province().equals(province.strip()));
    }

    /**
     * A district code that belongs to {@code province} (or to any province when none is given), or null
     * when none is given; otherwise a refusal.
     */
    public static String district(String province, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!isDistrictOf(province, value)) {
            throw new Refusal(Status.UNPROCESSABLE, "case.field.invalid", label("district"));
        }
        return value.strip();
    }

    static Map<String, List<District>> readDistricts(String resource) {
        Map<String, List<District>> byProvince = new LinkedHashMap<>();
        PROVINCES.forEach(p -> byProvince.put(p, new ArrayList<>()));
        try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 4 || !byProvince.containsKey(columns[1].strip())) {
                    throw new IllegalStateException(resource + ": bad line: " + line);
                }
                District district =
                        new District(columns[0].strip(), columns[1].strip(), columns[2].strip(), columns[3].strip());
                byProvince.get(district.province()).add(district);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<District>> sorted = new LinkedHashMap<>();
        byProvince.forEach((province, districts) -> sorted.put(
                province,
                districts.stream()
                        .sorted(java.util.Comparator.comparing(District::code))
                        .toList()));
        return Collections.unmodifiableMap(sorted);
    }

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
