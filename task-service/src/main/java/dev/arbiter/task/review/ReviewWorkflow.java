package dev.arbiter.task.review;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.review.model.Decision;
import dev.arbiter.task.review.model.ReviewKind;
import java.util.UUID;

/**
 * The review state machine: which decision may be taken on a judgment, by whom, and what follows.
 * A pure function of its inputs; {@code JudgmentReviewService} only loads them and applies the result.
 *
 * <ul>
 *   <li>A SUBMITTED judgment awaits QA REVIEW by a reviewer qualified in the job's domain at its minimum
 *       tier, or an admin; an ACCEPTED one drawn for a SPOT_CHECK and a DISPUTED one await an admin.</li>
 *   <li>Nobody decides on their own judgment, nor on another expert's judgment of an item they judged themselves
 *       or hold now: they have read the item and formed a view, so their review would not be independent.</li>
 *   <li>ACCEPT makes it ACCEPTED (a QA acceptance is drawn for a spot check at the job's rate);
 *       REVISE sends it back to its author in a new work session; REJECT frees its slot for another
 *       expert and reopens a job that had completed.</li>
 * </ul>
 */
public final class ReviewWorkflow {

    private ReviewWorkflow() {
    }

    /** Why a decision is refused. */
    public enum Refusal { OWN_JUDGMENT, JUDGED_THE_ITEM, NOTHING_TO_DECIDE, ADMINS_ONLY, NOT_QUALIFIED }

    /** The judgment under review: its author, where it stands, and the job's rules. */
    public record Case(UUID authorId, JudgmentState state, boolean drawnForSpotCheck, int minTier, int spotCheckPercent) {
    }

    /**
     * Who decides: {@code tier} is their tier in the job's domain, null when they hold none; {@code judgedTheItem}:
     * they hold or held a task on the judgment's item that they did not release or let expire (a live lease, or a
     * judgment of theirs in any state).
     */
    public record Reviewer(UUID id, boolean admin, Integer tier, boolean judgedTheItem) {
    }

    /** What a decision changes. */
    public record Transition(ReviewKind kind, JudgmentState judgmentState, TaskState taskState, boolean drawnForSpotCheck,
                             boolean freeSlot, boolean openRevision) {
    }

    /** Either a refusal or a transition. */
    public record Outcome(Refusal refusal, Transition transition) {

        static Outcome refused(Refusal refusal) {
            return new Outcome(refusal, null);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    /** The review a judgment in this state awaits, or null when it awaits none. */
    public static ReviewKind awaiting(JudgmentState state, boolean drawnForSpotCheck) {
        return switch (state) {
            case SUBMITTED -> ReviewKind.REVIEW;
            case DISPUTED -> ReviewKind.DISPUTE;
            case ACCEPTED -> drawnForSpotCheck ? ReviewKind.SPOT_CHECK : null;
            case REVISION, REJECTED, VOID -> null;
        };
    }

    /**
     * @param draw a uniform random number in 0…99: a QA acceptance goes to a spot check when it is
     *             below the job's spot-check percentage
     */
    public static Outcome decide(Case judgment, Reviewer reviewer, Decision decision, int draw) {
        if (judgment.authorId().equals(reviewer.id())) {
            return Outcome.refused(Refusal.OWN_JUDGMENT);
        }
        if (reviewer.judgedTheItem()) {
            return Outcome.refused(Refusal.JUDGED_THE_ITEM);
        }
        ReviewKind kind = awaiting(judgment.state(), judgment.drawnForSpotCheck());
        if (kind == null) {
            return Outcome.refused(Refusal.NOTHING_TO_DECIDE);
        }
        if (kind != ReviewKind.REVIEW && !reviewer.admin()) {
            return Outcome.refused(Refusal.ADMINS_ONLY);
        }
        if (!reviewer.admin() && (reviewer.tier() == null || reviewer.tier() < judgment.minTier())) {
            return Outcome.refused(Refusal.NOT_QUALIFIED);
        }
        return new Outcome(null, switch (decision) {
            case ACCEPT -> new Transition(kind, JudgmentState.ACCEPTED, TaskState.ACCEPTED,
                    kind == ReviewKind.REVIEW && draw < judgment.spotCheckPercent(), false, false);
            case REVISE -> new Transition(kind, JudgmentState.REVISION, TaskState.REVISION, false, false, true);
            case REJECT -> new Transition(kind, JudgmentState.REJECTED, TaskState.REJECTED, false, true, false);
        });
    }
}
