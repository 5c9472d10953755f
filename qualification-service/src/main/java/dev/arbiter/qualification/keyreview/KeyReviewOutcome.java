package dev.arbiter.qualification.keyreview;

import java.util.Collection;

/**
 * What the peer reviews of a stumping question's answer key decide. A pure function of the reviews and
 * of how many approvals the domain can give; every case is in {@code KeyReviewOutcomeTableTest}.
 *
 * <ul>
 *   <li><b>Any review that does not approve</b> (the key is wrong, ambiguous or not expert-level)
 *   rejects the key.</li>
 *   <li><b>A blind answer that disagrees with the key counts against it.</b> For EXACT, NUMERIC and
 *   MULTIPLE_CHOICE questions the reviewer's blind answer is graded against the key; an approval from a
 *   reviewer who did not reach the key does not count toward the required approvals, so the key needs
 *   another reviewer who reaches it. FREE_FORM blind answers are not graded (a person judges them), so
 *   their approvals count.</li>
 *   <li>The key is <b>valid</b> once the counted approvals reach {@link #approvalsRequired}; until then it
 *   waits for more reviews.</li>
 * </ul>
 *
 * @param decision          pending, valid or rejected
 * @param approvalsCounted  approvals that count toward validity
 * @param approvalsRequired approvals the key needs (see {@link #approvalsRequired(long, int)})
 * @param reviewsRequired   reviews the key needs in all, if every further one reaches the key and approves:
 *                          the required approvals plus every approval that did not count
 */
public record KeyReviewOutcome(Decision decision, int approvalsCounted, int approvalsRequired, int reviewsRequired) {

    public enum Decision {
        /** Not enough counted approvals yet: the question stays AWAITING_REVIEW. */
        PENDING,
        VALID,
        REJECTED
    }

    /**
     * One reviewer's completed review.
     *
     * @param approves    the key is correct, unambiguous and expert-level
     * @param blindAgrees whether the blind answer reached the key; null where it is not graded (FREE_FORM)
     */
    public record Review(boolean approves, Boolean blindAgrees) {

        /** An approval that counts toward validity: the reviewer did not answer otherwise blind. */
        boolean countedApproval() {
            return approves && !Boolean.FALSE.equals(blindAgrees);
        }
    }

    /**
     * Approvals a key needs: {@code peerApprovals} where at least that many experts other than the author
     * are qualified in the domain, otherwise one (an admin's while the domain has no qualified experts).
     */
    public static int approvalsRequired(long qualifiedPeers, int peerApprovals) {
        return qualifiedPeers >= peerApprovals ? peerApprovals : 1;
    }

    public static KeyReviewOutcome of(Collection<Review> reviews, int approvalsRequired) {
        int counted = (int) reviews.stream().filter(Review::countedApproval).count();
        int notCounted = (int) reviews.stream().filter(r -> r.approves() && !r.countedApproval()).count();
        int reviewsRequired = approvalsRequired + notCounted;
        if (reviews.stream().anyMatch(r -> !r.approves())) {
            return new KeyReviewOutcome(Decision.REJECTED, counted, approvalsRequired, reviewsRequired);
        }
        Decision decision = counted >= approvalsRequired ? Decision.VALID : Decision.PENDING;
        return new KeyReviewOutcome(decision, counted, approvalsRequired, reviewsRequired);
    }
}
