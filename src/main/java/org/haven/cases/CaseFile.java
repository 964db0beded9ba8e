package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.cases.Vocabulary.RiskLevel;

/**
 * A case as stored, its encrypted texts opened: the aggregate. Services change its fields (and its
 * stage only through {@link #moveTo}) and write it back through {@link CaseFiles#update}, which
 * refuses the write if someone else changed the case since {@link #version} was read.
 */
final class CaseFile {

    static final String TABLE = "case_file";
    static final List<String> ENCRYPTED = List.of("exploitation_places", "summary", "closure_reason");

    final UUID id;
    final UUID organizationId;
    final UUID personId;
    final String reference;
    CaseStage stage;
    RiskLevel risk;
    UUID teamId;
    UUID caseworkerId;
    String traffickingStatus;
    String statusDecidedBy;
    List<String> exploitationTypes;
    List<String> sexualExploitation;
    List<String> meansOfControl;
    String recruiterRelation;
    String exploitationCountry;
    String exploitationProvince;
    LocalDate exploitationFrom;
    LocalDate exploitationTo;
    String exploitationPlaces;
    String summary;
    String planStatus;
    UUID planApprovedBy;
    Instant planApprovedAt;
    UUID closureRequestedBy;
    Instant closureRequestedAt;
    String closureReason;
    LocalDate reintegratedOn;
    final Instant openedAt;
    Instant closedAt;
    Instant lastContactAt;
    final UUID createdBy;
    Instant updatedAt;
    final int version;

    CaseFile(
            UUID id,
            UUID organizationId,
            UUID personId,
            String reference,
            CaseStage stage,
            RiskLevel risk,
            UUID teamId,
            UUID caseworkerId,
            String traffickingStatus,
            String statusDecidedBy,
            List<String> exploitationTypes,
            List<String> sexualExploitation,
            List<String> meansOfControl,
            String recruiterRelation,
            String exploitationCountry,
            String exploitationProvince,
            LocalDate exploitationFrom,
            LocalDate exploitationTo,
            String exploitationPlaces,
            String summary,
            String planStatus,
            UUID planApprovedBy,
            Instant planApprovedAt,
            UUID closureRequestedBy,
            Instant closureRequestedAt,
            String closureReason,
            LocalDate reintegratedOn,
            Instant openedAt,
            Instant closedAt,
            Instant lastContactAt,
            UUID createdBy,
            Instant updatedAt,
            int version) {
        this.id = id;
        this.organizationId = organizationId;
        this.personId = personId;
        this.reference = reference;
        this.stage = stage;
        this.risk = risk;
        this.teamId = teamId;
        this.caseworkerId = caseworkerId;
        this.traffickingStatus = traffickingStatus;
        this.statusDecidedBy = statusDecidedBy;
        this.exploitationTypes = exploitationTypes;
        this.sexualExploitation = sexualExploitation;
        this.meansOfControl = meansOfControl;
        this.recruiterRelation = recruiterRelation;
        this.exploitationCountry = exploitationCountry;
        this.exploitationProvince = exploitationProvince;
        this.exploitationFrom = exploitationFrom;
        this.exploitationTo = exploitationTo;
        this.exploitationPlaces = exploitationPlaces;
        this.summary = summary;
        this.planStatus = planStatus;
        this.planApprovedBy = planApprovedBy;
        this.planApprovedAt = planApprovedAt;
        this.closureRequestedBy = closureRequestedBy;
        this.closureRequestedAt = closureRequestedAt;
        this.closureReason = closureReason;
        this.reintegratedOn = reintegratedOn;
        this.openedAt = openedAt;
        this.closedAt = closedAt;
        this.lastContactAt = lastContactAt;
        this.createdBy = createdBy;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** This case as written by an update at its version: the same, at the next version. */
    CaseFile saved() {
        return new CaseFile(
                id,
                organizationId,
                personId,
                reference,
                stage,
                risk,
                teamId,
                caseworkerId,
                traffickingStatus,
                statusDecidedBy,
                exploitationTypes,
                sexualExploitation,
                meansOfControl,
                recruiterRelation,
                exploitationCountry,
                exploitationProvince,
                exploitationFrom,
                exploitationTo,
                exploitationPlaces,
                summary,
                planStatus,
                planApprovedBy,
                planApprovedAt,
                closureRequestedBy,
                closureRequestedAt,
                closureReason,
                reintegratedOn,
                openedAt,
                closedAt,
                lastContactAt,
                createdBy,
                updatedAt,
                version + 1);
    }

    /** Moves to another stage if the journey allows it from here; refuses with a clear message otherwise. */
    void moveTo(CaseStage target) {
        stage.check(target);
        stage = target;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID personId() {
        return personId;
    }

    String reference() {
        return reference;
    }

    CaseStage stage() {
        return stage;
    }

    RiskLevel risk() {
        return risk;
    }

    UUID teamId() {
        return teamId;
    }

    UUID caseworkerId() {
        return caseworkerId;
    }

    String traffickingStatus() {
        return traffickingStatus;
    }

    String statusDecidedBy() {
        return statusDecidedBy;
    }

    List<String> exploitationTypes() {
        return exploitationTypes;
    }

    List<String> sexualExploitation() {
        return sexualExploitation;
    }

    List<String> meansOfControl() {
        return meansOfControl;
    }

    String recruiterRelation() {
        return recruiterRelation;
    }

    String exploitationCountry() {
        return exploitationCountry;
    }

    String exploitationProvince() {
        return exploitationProvince;
    }

    LocalDate exploitationFrom() {
        return exploitationFrom;
    }

    LocalDate exploitationTo() {
        return exploitationTo;
    }

    String exploitationPlaces() {
        return exploitationPlaces;
    }

    String summary() {
        return summary;
    }

    String planStatus() {
        return planStatus;
    }

    UUID planApprovedBy() {
        return planApprovedBy;
    }

    Instant planApprovedAt() {
        return planApprovedAt;
    }

    UUID closureRequestedBy() {
        return closureRequestedBy;
    }

    Instant closureRequestedAt() {
        return closureRequestedAt;
    }

    String closureReason() {
        return closureReason;
    }

    LocalDate reintegratedOn() {
        return reintegratedOn;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    Instant lastContactAt() {
        return lastContactAt;
    }

    UUID createdBy() {
        return createdBy;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    int version() {
        return version;
    }
}
