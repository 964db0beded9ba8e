package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/** A person as shown to someone allowed to read them (decrypted). */
public record PersonView(
        UUID id,
        UUID organizationId,
        String name,
        String nameKhmer,
        List<String> aliases,
        String sex,
        String birthDate,
        String phone,
        String narrative,
        Instant createdAt,
        Instant updatedAt,
        int version,
        String gender,
        Integer estimatedAge,
        LocalDate ageRecorded,
        String nationality,
        List<String> languages,
        String province,
        String address) {

    /** Age in years on {@code day}: from the date of birth, else from the estimate and when it was made. */
    public Integer ageOn(LocalDate day) {
        if (birthDate != null) {
            return Period.between(LocalDate.parse(birthDate), day).getYears();
        }
        if (estimatedAge != null && ageRecorded != null) {
            return estimatedAge + Period.between(ageRecorded, day).getYears();
        }
        return null;
    }
}
