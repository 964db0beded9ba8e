package org.haven.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Where a case stands in the journey, and which moves are allowed from each stage. Closing goes
 * through a supervisor's approval ({@code Cases.approveClosure}), never through {@link #check}.
 */
public enum CaseStage {
    IDENTIFIED,
    ASSESSMENT,
    CARE_PLAN,
    SERVICES,
    REINTEGRATION,
    FOLLOW_UP,
    CLOSED,
    TRANSFERRED;

    /** HTCDS case status of the stage: Active, FollowUp, Closed or ClosedReferred. */
    public String htcdsStatus() {
        return switch (this) {
            case FOLLOW_UP -> "FollowUp";
            case CLOSED -> "Closed";
            case TRANSFERRED -> "ClosedReferred";
            default -> "Active";
        };
    }

    public boolean open() {
        return this != CLOSED && this != TRANSFERRED;
    }

    private static final Map<CaseStage, Set<CaseStage>> MOVES = Map.of(
            IDENTIFIED, EnumSet.of(ASSESSMENT, TRANSFERRED),
            ASSESSMENT, EnumSet.of(CARE_PLAN, TRANSFERRED),
            CARE_PLAN, EnumSet.of(SERVICES, ASSESSMENT, TRANSFERRED),
            SERVICES, EnumSet.of(REINTEGRATION, CARE_PLAN, TRANSFERRED),
            REINTEGRATION, EnumSet.of(FOLLOW_UP, SERVICES, TRANSFERRED),
            FOLLOW_UP, EnumSet.of(SERVICES, TRANSFERRED),
            CLOSED, EnumSet.of(ASSESSMENT),
            TRANSFERRED, EnumSet.of(ASSESSMENT));

    /** The stages a case may move to from this one by a caseworker's decision. */
    public Set<CaseStage> next() {
        return EnumSet.copyOf(MOVES.get(this));
    }

    /** Refuses, with a message naming both stages, a move this stage does not allow. */
    public void check(CaseStage target) {
        if (target == CLOSED && open()) {
            throw new Refusal(Status.CONFLICT, "case.stage.closeNeedsApproval");
        }
        if (!MOVES.get(this).contains(target)) {
            throw new Refusal(Status.CONFLICT, "case.stage.illegal", messageKey(this), messageKey(target));
        }
    }

    static MessageSourceResolvable messageKey(CaseStage stage) {
        return new DefaultMessageSourceResolvable("code.CaseStage." + stage.name());
    }
}
