package org.haven.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What someone types about a person. For a change, fields left null keep their value (an empty
 * string or list clears an optional one).
 *
 * @param name the name in Latin script, as commonly romanized
 * @param nameKhmer the name in Khmer script
 * @param aliases other names and nicknames
 * @param sex FEMALE, MALE, OTHER or UNKNOWN
 * @param birthDate date of birth, YYYY-MM-DD
 * @param phone a phone number
 * @param narrative what is known of the person's situation
 * @param gender HTCDS gender code ({@link Vocabulary.Gender})
 * @param estimatedAge age in years as estimated today, when the date of birth is unknown
 * @param nationality ISO 3166-1 alpha-2 country code
 * @param languages language codes (ISO 639-1, for example km, en, vi)
 * @param province ISO 3166-2:KH province code where the person lives or was found
 * @param address where the person lives
 */
public record PersonInput(
        @Size(max = 200) String name,
        @Size(max = 200) String nameKhmer,
        @Size(max = 20) List<@Size(max = 200) String> aliases,
        @Pattern(regexp = "FEMALE|MALE|OTHER|UNKNOWN") String sex,
        @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String birthDate,
        @Size(max = 40) String phone,
        @Size(max = 20_000) String narrative,
        @Size(max = 40) String gender,
        @Min(0) @Max(120) Integer estimatedAge,
        @Size(max = 2) String nationality,
        @Size(max = 10) List<@Pattern(regexp = "[a-z]{2,3}") String> languages,
        @Size(max = 6) String province,
        @Size(max = 1_000) String address) {

    /** The identifying core only; everything else unknown (or, for a change, kept). */
    public PersonInput(
            String name,
            String nameKhmer,
            List<String> aliases,
            String sex,
            String birthDate,
            String phone,
            String narrative) {
        this(name, nameKhmer, aliases, sex, birthDate, phone, narrative, null, null, null, null, null, null);
    }
}
