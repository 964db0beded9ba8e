package org.haven.intake;

import jakarta.validation.constraints.Size;

/**
 * An alleged perpetrator as far as anyone knows: nationality, other names, phone numbers, online
 * handles, vehicles (each list as free text, separated by commas or new lines) and a description.
 * All of it is stored encrypted; numbers and handles also as blind-index tokens.
 */
public record PerpetratorInput(
        @Size(max = 200) String nationality,
        @Size(max = 500) String aliases,
        @Size(max = 500) String phones,
        @Size(max = 500) String handles,
        @Size(max = 500) String vehicles,
        @Size(max = 2_000) String description) {

    boolean isEmpty() {
        return blank(nationality)
                && blank(aliases)
                && blank(phones)
                && blank(handles)
                && blank(vehicles)
                && blank(description);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
