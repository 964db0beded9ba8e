package org.haven.cases;

import java.time.Instant;
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
        int version) {}
