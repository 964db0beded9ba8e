package org.haven.intake;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What triage records about an incident: the place (establishment, address, province, district,
 * country, optional coordinates as "latitude, longitude"), the exploitation types (codes of
 * {@code Vocabulary.ExploitationType}), when it was seen, a summary, the status and the outcomes so far.
 * On a change, a null field keeps its value.
 */
public record IncidentInput(
        @Size(max = 300) String establishment,
        @Size(max = 1_000) String address,
        @Size(max = 60) String coordinates,
        @Size(max = 6) String province,
        @Size(max = 200) String district,
        @Pattern(regexp = "|[A-Za-z]{2}") String country,
        @Size(max = 10) List<String> exploitationTypes,
        LocalDate firstSeen,
        LocalDate lastSeen,
        @Size(max = 5_000) String summary,

        @Pattern(regexp = "|OPEN|UNDER_INVESTIGATION|CLOSED")
        String status,

        @Size(max = 5) List<String> outcomes) {

    /** The outcomes an incident can have, in the order they usually come. */
    public static final List<String> OUTCOMES =
            List.of("INVESTIGATED", "RESCUE", "ARRESTS", "PROSECUTION", "CONVICTION");

    public static final List<String> STATUSES = List.of("OPEN", "UNDER_INVESTIGATION", "CLOSED");

    static IncidentInput empty() {
        return new IncidentInput(null, null, null, null, null, "KH", List.of(), null, null, null, "OPEN", List.of());
    }
}
