package org.haven.cases;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What happened to the child, in HTCDS terms. For a change, null fields keep their value (an empty
 * string or list clears one).
 *
 * @param traffickingStatus Possible, Actual or NotAVictim
 * @param statusDecidedBy the body that decided the status (a court, the police, the organization)
 * @param exploitationTypes {@link Vocabulary.ExploitationType} codes
 * @param sexualExploitation {@link Vocabulary.SexualExploitation} codes
 * @param meansOfControl {@link Vocabulary.MeansOfControl} codes
 * @param recruiterRelation {@link Vocabulary.RecruiterRelation} code
 * @param exploitationCountry ISO 3166-1 alpha-2 code of the country of exploitation
 * @param exploitationProvince province code when in Cambodia
 * @param exploitationFrom first date of exploitation, YYYY-MM-DD
 * @param exploitationTo last date of exploitation, YYYY-MM-DD
 * @param exploitationPlaces the places, as described (encrypted)
 * @param summary what is known, in the caseworker's words (encrypted)
 */
public record CaseDetails(
        @Size(max = 20) String traffickingStatus,
        @Size(max = 200) String statusDecidedBy,
        @Size(max = 20) List<@Size(max = 40) String> exploitationTypes,
        @Size(max = 10) List<@Size(max = 40) String> sexualExploitation,
        @Size(max = 20) List<@Size(max = 40) String> meansOfControl,
        @Size(max = 40) String recruiterRelation,
        @Size(max = 2) String exploitationCountry,
        @Size(max = 6) String exploitationProvince,
        @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String exploitationFrom,
        @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}") String exploitationTo,
        @Size(max = 5_000) String exploitationPlaces,
        @Size(max = 20_000) String summary) {

    static final CaseDetails NONE =
            new CaseDetails(null, null, null, null, null, null, null, null, null, null, null, null);
}
