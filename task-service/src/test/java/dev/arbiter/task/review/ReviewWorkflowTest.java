package dev.arbiter.task.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.review.ReviewWorkflow.Case;
import dev.arbiter.task.review.ReviewWorkflow.Outcome;
import dev.arbiter.task.review.ReviewWorkflow.Refusal;
import dev.arbiter.task.review.ReviewWorkflow.Reviewer;
import dev.arbiter.task.review.ReviewWorkflow.Transition;
import dev.arbiter.task.review.model.Decision;
import dev.arbiter.task.review.model.ReviewKind;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state a judgment can be in, every kind of reviewer, every decision: who may decide, and what follows. */
class ReviewWorkflowTest {

    static final UUID AUTHOR = UUID.randomUUID();
    static final int MIN_TIER = 2;
    static final int SPOT_CHECK_PERCENT = 10;

    static final Reviewer ADMIN = new Reviewer(UUID.randomUUID(), true, null, false);
    static final Reviewer QUALIFIED = new Reviewer(UUID.randomUUID(), false, 2, false);
    static final Reviewer BELOW_MIN_TIER = new Reviewer(UUID.randomUUID(), false, 1, false);
    static final Reviewer NOT_IN_DOMAIN = new Reviewer(UUID.randomUUID(), false, null, false);
    static final Reviewer SELF = new Reviewer(AUTHOR, false, 3, true);
    static final Reviewer SELF_ADMIN = new Reviewer(AUTHOR, true, null, true);
    /** Judged the same item (or holds a lease on it now): qualified, but not independent. */
    static final Reviewer JUDGED_ITEM = new Reviewer(UUID.randomUUID(), false, 3, true);
    static final Reviewer JUDGED_ITEM_ADMIN = new Reviewer(UUID.randomUUID(), true, null, true);

    static Stream<Arguments> table() {
        Transition accepted = new Transition(ReviewKind.REVIEW, JudgmentState.ACCEPTED, TaskState.ACCEPTED, false, false, false);
        Transition revise = new Transition(ReviewKind.REVIEW, JudgmentState.REVISION, TaskState.REVISION, false, false, true);
        Transition reject = new Transition(ReviewKind.REVIEW, JudgmentState.REJECTED, TaskState.REJECTED, false, true, false);
        return Stream.of(
                // QA review of a submitted judgment
                Arguments.of(JudgmentState.SUBMITTED, false, QUALIFIED, Decision.ACCEPT, 50, null, accepted),
                Arguments.of(JudgmentState.SUBMITTED, false, QUALIFIED, Decision.ACCEPT, 9,
                        null, new Transition(ReviewKind.REVIEW, JudgmentState.ACCEPTED, TaskState.ACCEPTED, true, false, false)),
                Arguments.of(JudgmentState.SUBMITTED, false, QUALIFIED, Decision.ACCEPT, 10, null, accepted),
                Arguments.of(JudgmentState.SUBMITTED, false, QUALIFIED, Decision.REVISE, 0, null, revise),
                Arguments.of(JudgmentState.SUBMITTED, false, QUALIFIED, Decision.REJECT, 0, null, reject),
                Arguments.of(JudgmentState.SUBMITTED, false, ADMIN, Decision.ACCEPT, 50, null, accepted),
                Arguments.of(JudgmentState.SUBMITTED, false, BELOW_MIN_TIER, Decision.ACCEPT, 50, Refusal.NOT_QUALIFIED, null),
                Arguments.of(JudgmentState.SUBMITTED, false, NOT_IN_DOMAIN, Decision.REJECT, 50, Refusal.NOT_QUALIFIED, null),
                Arguments.of(JudgmentState.SUBMITTED, false, SELF, Decision.ACCEPT, 50, Refusal.OWN_JUDGMENT, null),
                Arguments.of(JudgmentState.SUBMITTED, false, SELF_ADMIN, Decision.ACCEPT, 50, Refusal.OWN_JUDGMENT, null),
                // an accepted judgment drawn for a spot check: admins only, never drawn again
                Arguments.of(JudgmentState.ACCEPTED, true, ADMIN, Decision.ACCEPT, 0,
                        null, new Transition(ReviewKind.SPOT_CHECK, JudgmentState.ACCEPTED, TaskState.ACCEPTED, false, false, false)),
                Arguments.of(JudgmentState.ACCEPTED, true, ADMIN, Decision.REJECT, 0,
                        null, new Transition(ReviewKind.SPOT_CHECK, JudgmentState.REJECTED, TaskState.REJECTED, false, true, false)),
                Arguments.of(JudgmentState.ACCEPTED, true, QUALIFIED, Decision.REJECT, 0, Refusal.ADMINS_ONLY, null),
                // a disputed judgment: admins only
                Arguments.of(JudgmentState.DISPUTED, false, ADMIN, Decision.REJECT, 0,
                        null, new Transition(ReviewKind.DISPUTE, JudgmentState.REJECTED, TaskState.REJECTED, false, true, false)),
                Arguments.of(JudgmentState.DISPUTED, false, ADMIN, Decision.ACCEPT, 0,
                        null, new Transition(ReviewKind.DISPUTE, JudgmentState.ACCEPTED, TaskState.ACCEPTED, false, false, false)),
                Arguments.of(JudgmentState.DISPUTED, false, ADMIN, Decision.REVISE, 0,
                        null, new Transition(ReviewKind.DISPUTE, JudgmentState.REVISION, TaskState.REVISION, false, false, true)),
                Arguments.of(JudgmentState.DISPUTED, false, QUALIFIED, Decision.ACCEPT, 0, Refusal.ADMINS_ONLY, null),
                // nothing left to decide
                Arguments.of(JudgmentState.ACCEPTED, false, ADMIN, Decision.REJECT, 0, Refusal.NOTHING_TO_DECIDE, null),
                Arguments.of(JudgmentState.REJECTED, false, ADMIN, Decision.ACCEPT, 0, Refusal.NOTHING_TO_DECIDE, null),
                Arguments.of(JudgmentState.REVISION, false, QUALIFIED, Decision.ACCEPT, 0, Refusal.NOTHING_TO_DECIDE, null),
                // the author is refused before anything else is said about the judgment
                Arguments.of(JudgmentState.REJECTED, false, SELF, Decision.ACCEPT, 0, Refusal.OWN_JUDGMENT, null),
                // a reviewer who judged the same item: never independent, whatever the decision or kind
                Arguments.of(JudgmentState.SUBMITTED, false, JUDGED_ITEM, Decision.ACCEPT, 50, Refusal.JUDGED_THE_ITEM, null),
                Arguments.of(JudgmentState.SUBMITTED, false, JUDGED_ITEM, Decision.REJECT, 50, Refusal.JUDGED_THE_ITEM, null),
                Arguments.of(JudgmentState.SUBMITTED, false, JUDGED_ITEM, Decision.REVISE, 50, Refusal.JUDGED_THE_ITEM, null),
                Arguments.of(JudgmentState.SUBMITTED, false, JUDGED_ITEM_ADMIN, Decision.ACCEPT, 50, Refusal.JUDGED_THE_ITEM, null),
                Arguments.of(JudgmentState.DISPUTED, false, JUDGED_ITEM_ADMIN, Decision.REJECT, 0, Refusal.JUDGED_THE_ITEM, null),
                Arguments.of(JudgmentState.REJECTED, false, JUDGED_ITEM, Decision.ACCEPT, 0, Refusal.JUDGED_THE_ITEM, null));
    }

    @ParameterizedTest(name = "{0} spotCheck={1} by {2} {3} draw={4} -> {5} {6}")
    @MethodSource("table")
    void shouldDecideExactlyAsTheTableSays(JudgmentState state, boolean drawn, Reviewer reviewer, Decision decision, int draw,
                                           Refusal refusal, Transition transition) {
        Outcome outcome = ReviewWorkflow.decide(new Case(AUTHOR, state, drawn, MIN_TIER, SPOT_CHECK_PERCENT), reviewer,
                decision, draw);
        assertEquals(refusal, outcome.refusal());
        assertEquals(transition, outcome.transition());
    }

    @ParameterizedTest
    @MethodSource("awaiting")
    void shouldSayWhichReviewAJudgmentAwaits(JudgmentState state, boolean drawn, ReviewKind kind) {
        assertEquals(kind, ReviewWorkflow.awaiting(state, drawn));
    }

    static Stream<Arguments> awaiting() {
        return Stream.of(
                Arguments.of(JudgmentState.SUBMITTED, false, ReviewKind.REVIEW),
                Arguments.of(JudgmentState.ACCEPTED, true, ReviewKind.SPOT_CHECK),
                Arguments.of(JudgmentState.ACCEPTED, false, null),
                Arguments.of(JudgmentState.DISPUTED, false, ReviewKind.DISPUTE),
                Arguments.of(JudgmentState.REVISION, false, null),
                Arguments.of(JudgmentState.REJECTED, false, null));
    }

    @Test
    void shouldNeverDrawASpotCheckWhenTheJobAsksForNone() {
        for (int draw = 0; draw < 100; draw++) {
            Outcome outcome = ReviewWorkflow.decide(new Case(AUTHOR, JudgmentState.SUBMITTED, false, 1, 0), QUALIFIED,
                    Decision.ACCEPT, draw);
            assertEquals(false, outcome.transition().drawnForSpotCheck());
            assertNull(outcome.refusal());
        }
    }
}
