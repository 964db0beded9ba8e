package org.haven.cases;

import java.time.Clock;
import java.time.LocalDate;
import org.haven.identity.CurrentUser;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.stereotype.Component;

/**
 * What a stage needs before a case may enter it, and what entering it sets going. The order of the
 * journey itself is {@link CaseStage}'s.
 */
@Component
class StageRules {

    private final Assessments assessments;
    private final Consents consents;
    private final FollowUps followUps;
    private final Clock clock;

    StageRules(Assessments assessments, Consents consents, FollowUps followUps, Clock clock) {
        this.assessments = assessments;
        this.consents = consents;
        this.followUps = followUps;
        this.clock = clock;
    }

    /**
     * Refuses the move unless: an assessment exists before the care plan; the plan is approved and the
     * child (or guardian) consented to services, or a supervisor overrides in writing, before services.
     */
    void before(CurrentUser actor, CaseFile file, CaseStage target, String consentOverride) {
        switch (target) {
            case CARE_PLAN -> {
                if (!assessments.any(file.organizationId(), file.id())) {
                    throw new Refusal(Status.CONFLICT, "case.stage.needsAssessment");
                }
            }
            case SERVICES -> {
                if (!file.planStatus().equals("APPROVED")) {
                    throw new Refusal(Status.CONFLICT, "case.stage.needsApprovedPlan");
                }
                consents.require(actor, file, Consents.Purpose.SERVICES, consentOverride);
            }
            case FOLLOW_UP -> {
                if (file.reintegratedOn() == null) {
                    file.reintegratedOn = LocalDate.now(clock);
                }
            }
            case TRANSFERRED -> file.closedAt = clock.instant();
            default -> {}
        }
    }

    /** After the move: a case entering follow-up gets its follow-ups planned. */
    void after(CaseFile file) {
        if (file.stage() == CaseStage.FOLLOW_UP) {
            followUps.plan(file, file.reintegratedOn());
        }
    }
}
