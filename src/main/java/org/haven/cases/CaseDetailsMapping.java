package org.haven.cases;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.haven.cases.Vocabulary.ExploitationType;
import org.haven.cases.Vocabulary.MeansOfControl;
import org.haven.cases.Vocabulary.RecruiterRelation;
import org.haven.cases.Vocabulary.SexualExploitation;
import org.haven.cases.Vocabulary.TraffickingStatus;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;

/** Checks {@link CaseDetails} and writes them onto a case, naming the columns that changed. */
final class CaseDetailsMapping {

    private CaseDetailsMapping() {}

    static List<String> apply(CaseFile file, CaseDetails d) {
        List<String> changed = new ArrayList<>();
        if (d.traffickingStatus() != null) {
            String status = Vocabulary.code(TraffickingStatus.class, d.traffickingStatus(), "traffickingStatus")
                    .name();
            file.traffickingStatus = track(changed, "trafficking_status", file.traffickingStatus, status);
        }
        if (d.statusDecidedBy() != null) {
            file.statusDecidedBy =
                    track(changed, "status_decided_by", file.statusDecidedBy, blank(d.statusDecidedBy()));
        }
        if (d.exploitationTypes() != null) {
            file.exploitationTypes = track(
                    changed,
                    "exploitation_types",
                    file.exploitationTypes,
                    List.of(Vocabulary.names(
                            Vocabulary.codes(ExploitationType.class, d.exploitationTypes(), "exploitationTypes"))));
        }
        if (d.sexualExploitation() != null) {
            file.sexualExploitation = track(
                    changed,
                    "sexual_exploitation",
                    file.sexualExploitation,
                    List.of(Vocabulary.names(
                            Vocabulary.codes(SexualExploitation.class, d.sexualExploitation(), "sexualExploitation"))));
        }
        if (d.meansOfControl() != null) {
            file.meansOfControl = track(
                    changed,
                    "means_of_control",
                    file.meansOfControl,
                    List.of(Vocabulary.names(
                            Vocabulary.codes(MeansOfControl.class, d.meansOfControl(), "meansOfControl"))));
        }
        if (d.recruiterRelation() != null) {
            String relation = blank(d.recruiterRelation()) == null
                    ? null
                    : Vocabulary.code(RecruiterRelation.class, d.recruiterRelation(), "recruiterRelation")
                            .name();
            file.recruiterRelation = track(changed, "recruiter_relation", file.recruiterRelation, relation);
        }
        if (d.exploitationCountry() != null) {
            file.exploitationCountry = track(
                    changed,
                    "exploitation_country",
                    file.exploitationCountry,
                    Vocabulary.country(d.exploitationCountry(), "exploitationCountry"));
        }
        if (d.exploitationProvince() != null) {
            file.exploitationProvince = track(
                    changed,
                    "exploitation_province",
                    file.exploitationProvince,
                    Vocabulary.province(d.exploitationProvince()));
        }
        if (d.exploitationFrom() != null) {
            file.exploitationFrom =
                    track(changed, "exploitation_from", file.exploitationFrom, date(d.exploitationFrom()));
        }
        if (d.exploitationTo() != null) {
            file.exploitationTo = track(changed, "exploitation_to", file.exploitationTo, date(d.exploitationTo()));
        }
        if (file.exploitationFrom != null
                && file.exploitationTo != null
                && file.exploitationTo.isBefore(file.exploitationFrom)) {
            throw new Refusal(Status.UNPROCESSABLE, "case.exploitationDates.order");
        }
        if (d.exploitationPlaces() != null) {
            file.exploitationPlaces =
                    track(changed, "exploitation_places", file.exploitationPlaces, blank(d.exploitationPlaces()));
        }
        if (d.summary() != null) {
            file.summary = track(changed, "summary", file.summary, blank(d.summary()));
        }
        return changed;
    }

    private static <T> T track(List<String> changed, String column, T before, T after) {
        if (!Objects.equals(before, after)) {
            changed.add(column);
        }
        return after;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A past or present date, or a refusal. */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.isAfter(LocalDate.now().plusDays(1)) || date.isBefore(LocalDate.of(1900, 1, 1))) {
                throw new Refusal(Status.UNPROCESSABLE, "case.date.invalid");
            }
            return date;
        } catch (DateTimeException e) {
            throw new Refusal(Status.UNPROCESSABLE, "case.date.invalid");
        }
    }
}
