package org.haven.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.platform.PhoneNumbers;
import org.haven.vault.BlindIndex;
import org.springframework.stereotype.Component;

/**
 * The blind-index tokens of the phone numbers and online handles people write about offenders. Reports
 * and incidents use the same field names, so one number gives one token in both and "already known"
 * is a join on tokens, without plaintext in the database.
 */
@Component
class OffenderTokens {

    /** A token and what it stands for (PHONE or HANDLE). */
    record Keyed(long token, String kind, String value) {}

    private static final String PHONE = "offender.phone";
    private static final String HANDLE = "offender.handle";

    private final BlindIndex index;

    OffenderTokens(BlindIndex index) {
        this.index = index;
    }

    /** The tokens of every number in {@code phones} and every handle in {@code handles}. */
    List<Keyed> of(UUID organization, String phones, String handles) {
        List<Keyed> tokens = new ArrayList<>();
        for (String number : PhoneNumbers.numbersIn(phones)) {
            tokens.add(new Keyed(index.exact(organization, PHONE, number).value(), "PHONE", number));
        }
        for (String handle : PhoneNumbers.handlesIn(handles)) {
            tokens.add(new Keyed(index.exact(organization, HANDLE, handle).value(), "HANDLE", handle));
        }
        return tokens;
    }

    /** The fuzzy tokens of a place's name, for finding an incident by the name of its establishment. */
    List<BlindIndex.Token> place(UUID organization, String name) {
        return name == null || name.isBlank() ? List.of() : index.tokens(organization, "incident.place", name);
    }

    static Long[] values(List<Keyed> tokens) {
        return tokens.stream().map(Keyed::token).distinct().toArray(Long[]::new);
    }
}
