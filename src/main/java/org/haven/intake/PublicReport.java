package org.haven.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a person reports, in their words: what they saw, where, when, the children, the adults, and
 * whether a child is in danger right now. Only {@code what} is required; a district is given by its code
 * ({@link org.haven.cases.Vocabulary#DISTRICTS}) and lies in the province when both are given.
 */
@DistrictInProvince
public record PublicReport(
        @NotBlank @Size(max = 5_000) String what,
        @Size(max = 6) String province,
        @Size(max = 200) String district,
        @Pattern(regexp = "|[A-Za-z]{2}") String country,
        @Size(max = 1_000) String place,
        @Size(max = 500) String when,
        @Min(0) @Max(1000) Integer childrenCount,
        @Size(max = 200) String childrenAges,
        @Pattern(regexp = "|GIRLS|BOYS|BOTH|UNKNOWN") String childrenSex,
        @Size(max = 200) String adultsNationality,
        @Size(max = 2_000) String adultsDescription,
        @Size(max = 500) String vehicle,
        @Size(max = 500) String phones,
        @Size(max = 500) String handles,
        Boolean dangerNow) {

    /** The fields a refused report must fix, in a stable order, for the error summary. */
    static java.util.List<String> problems(
            java.util.Set<jakarta.validation.ConstraintViolation<PublicReport>> violations) {
        return violations.stream()
                .map(v -> v.getPropertyPath().toString())
                .distinct()
                .sorted()
                .toList();
    }

    static PublicReport empty() {
        return new PublicReport(
                null, null, null, "KH", null, null, null, null, null, null, null, null, null, null, null);
    }
}
