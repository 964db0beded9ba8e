package org.haven.cases;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What someone types about a person. For a change, fields left null keep their value (an empty
 * string clears an optional one).
 *
 * @param name the name in Latin script, as commonly romanized
 * @param nameKhmer the name in Khmer script
 * @param aliases other names and nicknames
 * @param sex FEMALE, MALE, OTHER or UNKNOWN
 * @param birthDate date of birth, YYYY-MM-DD
 * @param phone a phone number
 * @param narrative what is known of the person's situation
 */
public record PersonInput(
        @Size(max = 200) String name,
        @Size(max = 200) String nameKhmer,
        @Size(max = 20) List<@Size(max = 200) String> aliases,
        @Pattern(regexp = "FEMALE|MALE|OTHER|UNKNOWN") String sex,
        @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String birthDate,
        @Size(max = 40) String phone,
        @Size(max = 20_000) String narrative) {}
