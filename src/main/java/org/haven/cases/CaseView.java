package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A case as shown to someone who reaches it (decrypted). Its sections (consent, assessments, plan,
 * notes, follow-ups, timeline) are read separately.
 */
public record CaseView(
        UUID id,
        String reference,
        String stage,
        String htcdsStatus,
        List<String> nextStages,
        String riskLevel,
        PersonView person,
        UUID caseworkerId,
        UUID teamId,
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
        Instant planApprovedAt,
        UUID planApprovedBy,
        Instant closureRequestedAt,
        UUID closureRequestedBy,
        String closureReason,
        LocalDate reintegratedOn,
        Instant openedAt,
        Instant closedAt,
        Instant lastContactAt,
        Instant updatedAt,
        int version) {

    static CaseView of(CaseFile c, PersonView person) {
        return new CaseView(
                c.id(),
                c.reference(),
                c.stage().name(),
                c.stage().htcdsStatus(),
                c.stage().next().stream().map(Enum::name).toList(),
                c.risk().name(),
                person,
                c.caseworkerId(),
                c.teamId(),
                c.traffickingStatus(),
                c.statusDecidedBy(),
                c.exploitationTypes(),
                c.sexualExploitation(),
                c.meansOfControl(),
                c.recruiterRelation(),
                c.exploitationCountry(),
                c.exploitationProvince(),
                c.exploitationFrom(),
                c.exploitationTo(),
                c.exploitationPlaces(),
                c.summary(),
                c.planStatus(),
                c.planApprovedAt(),
                c.planApprovedBy(),
                c.closureRequestedAt(),
                c.closureRequestedBy(),
                c.closureReason(),
                c.reintegratedOn(),
                c.openedAt(),
                c.closedAt(),
                c.lastContactAt(),
                c.updatedAt(),
                c.version());
    }
}
