package org.haven.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the case screens post: plain records bound from forms, mapped to the services' inputs. Every
 * field is text as typed, so a refused form comes back exactly as it was filled in.
 */
final class CaseForms {

    private CaseForms() {}

    /** Registering a child and opening their case. */
    record Registration(
            String name,
            String nameKhmer,
            String aliases,
            String sex,
            String gender,
            String birthDate,
            String estimatedAge,
            String nationality,
            String province,
            String phone,
            String address,
            String traffickingStatus,
            List<String> exploitationTypes,
            List<String> meansOfControl,
            String summary,
            Boolean createAnyway) {

        static Registration empty() {
            return new Registration(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "KH",
                    null,
                    null,
                    null,
                    "Possible",
                    List.of(),
                    List.of(),
                    null,
                    false);
        }

        PersonInput person() {
            return new PersonInput(
                    name,
                    nameKhmer,
                    split(aliases),
                    blank(sex),
                    blank(birthDate),
                    phone,
                    null,
                    blank(gender),
                    number(estimatedAge),
                    blank(nationality),
                    List.of("km"),
                    blank(province),
                    address);
        }

        CaseDetails details() {
            return new CaseDetails(
                    blank(traffickingStatus),
                    null,
                    list(exploitationTypes),
                    null,
                    list(meansOfControl),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    summary);
        }
    }

    /** Changing the case's details and the child's identity; {@code version} is the case's as read. */
    record Edit(
            int version,
            String name,
            String nameKhmer,
            String aliases,
            String sex,
            String gender,
            String birthDate,
            String phone,
            String address,
            String province,
            String traffickingStatus,
            String statusDecidedBy,
            List<String> exploitationTypes,
            List<String> sexualExploitation,
            List<String> meansOfControl,
            String recruiterRelation,
            String exploitationCountry,
            String exploitationProvince,
            String exploitationFrom,
            String exploitationTo,
            String exploitationPlaces,
            String summary) {

        static Edit of(CaseView c) {
            PersonView p = c.person();
            return new Edit(
                    c.version(),
                    p.name(),
                    p.nameKhmer(),
                    String.join(", ", p.aliases()),
                    p.sex(),
                    p.gender(),
                    p.birthDate(),
                    p.phone(),
                    p.address(),
                    p.province(),
                    c.traffickingStatus(),
                    c.statusDecidedBy(),
                    c.exploitationTypes(),
                    c.sexualExploitation(),
                    c.meansOfControl(),
                    c.recruiterRelation(),
                    c.exploitationCountry(),
                    c.exploitationProvince(),
                    text(c.exploitationFrom()),
                    text(c.exploitationTo()),
                    c.exploitationPlaces(),
                    c.summary());
        }

        CaseChange change() {
            PersonInput person = new PersonInput(
                    name,
                    nameKhmer == null ? "" : nameKhmer,
                    split(aliases),
                    sex == null ? "" : sex,
                    birthDate == null ? "" : birthDate,
                    phone == null ? "" : phone,
                    null,
                    gender == null ? "" : gender,
                    null,
                    null,
                    null,
                    province == null ? "" : province,
                    address == null ? "" : address);
            CaseDetails details = new CaseDetails(
                    traffickingStatus,
                    statusDecidedBy == null ? "" : statusDecidedBy,
                    list(exploitationTypes),
                    list(sexualExploitation),
                    list(meansOfControl),
                    recruiterRelation == null ? "" : recruiterRelation,
                    orEmpty(exploitationCountry),
                    orEmpty(exploitationProvince),
                    orEmpty(exploitationFrom),
                    orEmpty(exploitationTo),
                    exploitationPlaces == null ? "" : exploitationPlaces,
                    summary == null ? "" : summary);
            return new CaseChange(person, details, null);
        }
    }

    record Consent(
            String purpose,
            String sharedWith,
            String givenBy,
            String giverName,
            String method,
            String witness,
            String givenOn,
            String expiresOn) {

        static Consent empty() {
            return new Consent(
                    "SERVICES",
                    null,
                    "GUARDIAN",
                    null,
                    "SIGNED_PAPER",
                    null,
                    LocalDate.now().toString(),
                    null);
        }

        Consents.ConsentInput input() {
            return new Consents.ConsentInput(
                    purpose,
                    sharedWith,
                    givenBy,
                    giverName,
                    method,
                    witness,
                    givenOn,
                    blank(expiresOn) == null ? "" : expiresOn);
        }
    }

    /** An assessment: a rating per domain (named {@code rating_<DOMAIN>}) and notes ({@code note_<DOMAIN>}). */
    record Assessment(
            String kind,
            String assessedOn,
            Map<String, String> ratings,
            Map<String, String> notes,
            String hivTest,
            String stiTreatment) {

        static Assessment empty(boolean first) {
            return new Assessment(
                    first ? "INITIAL" : "REVIEW",
                    LocalDate.now().toString(),
                    new LinkedHashMap<>(),
                    new LinkedHashMap<>(),
                    "",
                    "");
        }

        Assessments.AssessmentInput input() {
            Map<String, Integer> numbers = new LinkedHashMap<>();
            ratings.forEach((domain, value) -> {
                Integer n = number(value);
                if (n != null) {
                    numbers.put(domain, n);
                }
            });
            Map<String, String> written = new LinkedHashMap<>();
            notes.forEach((domain, note) -> {
                if (note != null && !note.isBlank()) {
                    written.put(domain, note.strip());
                }
            });
            return new Assessments.AssessmentInput(kind, assessedOn, numbers, written, hivTest, stiTreatment);
        }
    }

    record Goal(String need, String description) {}

    record Service(String goalId, String type, String provider, String ownerId, String dueOn) {

        CarePlans.ServiceInput input() {
            return new CarePlans.ServiceInput(uuid(goalId), type, provider, uuid(ownerId), dueOn);
        }
    }

    record Note(String kind, String happenedOn, String body) {

        static Note empty() {
            return new Note("HOME_VISIT", LocalDate.now().toString(), null);
        }
    }

    record FollowUp(
            String doneOn,
            String contact,
            String safety,
            String schoolOrWork,
            String health,
            String exploitation,
            String notes) {

        static FollowUp empty() {
            return new FollowUp(LocalDate.now().toString(), "REACHED", "", "", "", "NONE", null);
        }

        FollowUps.FollowUpInput input() {
            return new FollowUps.FollowUpInput(doneOn, contact, safety, schoolOrWork, health, exploitation, notes);
        }
    }

    record Task(String title, String assigneeId, String dueOn) {}

    record Relation(String relationship, Boolean guardian, String name, String phone, String address) {}

    static List<String> split(String aliases) {
        if (aliases == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String part : aliases.split(",")) {
            if (!part.isBlank()) {
                names.add(part.strip());
            }
        }
        return names;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Integer number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new org.haven.platform.Refusal(
                    org.haven.platform.Refusal.Status.UNPROCESSABLE, "case.number.invalid");
        }
    }

    static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new org.haven.platform.Refusal(
                    org.haven.platform.Refusal.Status.UNPROCESSABLE, "case.choice.invalid");
        }
    }
}
