package dev.arbiter.qualification.keyreview.service;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.DeterministicGrader;
import dev.arbiter.qualification.grading.ReferenceKey;
import dev.arbiter.qualification.grading.Verdict;
import dev.arbiter.qualification.grant.repository.QualificationRepository;
import dev.arbiter.qualification.grant.service.EvidenceQualification;
import dev.arbiter.qualification.keyreview.KeyReviewOutcome;
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.keyreview.model.BlindAnswer;
import dev.arbiter.qualification.keyreview.repository.AnswerKeyReviewRepository;
import dev.arbiter.qualification.keyreview.repository.BlindAnswerRepository;
import dev.arbiter.qualification.question.model.ModelAttempt;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.repository.ModelAttemptRepository;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import dev.arbiter.qualification.question.service.QuestionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Peer review of answer keys, in two steps. Reviewers are experts qualified in the domain (never the
 * author) or admins. First the reviewer answers the question blind ({@link #blind}); only then are the
 * key, rubric, rationale and the panel's answers shown. Then the reviewer judges the key
 * ({@link #review}); a verdict without a blind answer first is refused. What the reviews decide is
 * {@link KeyReviewOutcome}'s: any review finding the key wrong, ambiguous or not expert-level rejects it
 * (the reasons are shown to the author); the key is valid after enough approvals from reviewers whose
 * blind answer did not disagree with it.
 */
@ApplicationScoped
public class AnswerKeyReviewService {

    private final QuestionRepository questions;
    private final ModelAttemptRepository attempts;
    private final AnswerKeyReviewRepository reviews;
    private final BlindAnswerRepository blindAnswers;
    private final QualificationRepository qualifications;
    private final EvidenceQualification evidence;
    private final DomainCatalog domains;
    private final QualificationRules rules;

    public AnswerKeyReviewService(QuestionRepository questions, ModelAttemptRepository attempts,
                                  AnswerKeyReviewRepository reviews, BlindAnswerRepository blindAnswers,
                                  QualificationRepository qualifications, EvidenceQualification evidence,
                                  DomainCatalog domains, QualificationRules rules) {
        this.questions = questions;
        this.attempts = attempts;
        this.reviews = reviews;
        this.blindAnswers = blindAnswers;
        this.qualifications = qualifications;
        this.evidence = evidence;
        this.domains = domains;
        this.rules = rules;
    }

    /** A question to review, with the caller's own blind answer if they gave one and have not judged the key yet. */
    public record NextReview(Question question, int reviewsSoFar, int reviewsRequired, String blindAnswer) {
    }

    /** What the reviewer sees once they have answered blind: the key and the panel's current answers. */
    public record Revealed(Question question, BlindAnswer blindAnswer, List<ModelAttempt> panelAnswers) {
    }

    public record Recorded(AnswerKeyReview review, Question question) {
    }

    @WithSession
    public Uni<NextReview> next(UUID reviewerId, boolean admin, String domainName) {
        return domains.require(domainName).chain(domain -> requireReviewer(reviewerId, admin, domain)
                .chain(() -> questions.nextToReview(domain, reviewerId))
                .chain(q -> q == null ? Uni.createFrom().nullItem()
                        : reviews.ofQuestion(q.id).chain(rs -> outcome(q, rs)
                                .chain(outcome -> blindAnswers.byReviewer(q.id, reviewerId)
                                        .map(blind -> new NextReview(q, rs.size(), outcome.reviewsRequired(),
                                                blind == null ? null : blind.answer))))));
    }

    /**
     * Step one: stores the reviewer's blind answer (one per reviewer and question) and reveals the key.
     * The same answer again reveals it again; a different one is refused, since the key has been seen.
     */
    @WithTransaction
    public Uni<Revealed> blind(UUID reviewerId, boolean admin, UUID questionId, String blindAnswer) {
        String answer = blindAnswer.trim();
        return reviewable(reviewerId, admin, questions.findById(questionId), questionId)
                .chain(q -> blindAnswers.byReviewer(q.id, reviewerId).chain(earlier -> {
                    if (earlier != null) {
                        if (!earlier.answer.equals(answer)) {
                            throw ApiProblem.conflict("blind-answer-given", "You already answered question " + q.id
                                    + " blind and have seen its key; a blind answer cannot be changed")
                                    .with("blindAnswer", earlier.answer);
                        }
                        return reveal(q, earlier);
                    }
                    requireAwaitingReview(q);
                    BlindAnswer b = new BlindAnswer();
                    b.id = UUID.randomUUID();
                    b.questionId = q.id;
                    b.reviewerId = reviewerId;
                    b.answer = answer;
                    b.agrees = blindAgrees(q, answer);
                    b.createdAt = Instant.now();
                    return blindAnswers.persist(b).chain(() -> reveal(q, b));
                }));
    }

    /**
     * Step two: the reviewer's verdict on the key, after their blind answer; then what the reviews decide.
     * The question is locked first, so that two verdicts at once both count in the decision.
     */
    @WithTransaction
    public Uni<Recorded> review(UUID reviewerId, boolean admin, UUID questionId, KeyReviewSubmission request) {
        return reviewable(reviewerId, admin, questions.findById(questionId, LockModeType.PESSIMISTIC_WRITE), questionId)
                .call(q -> reviews.byReviewer(q.id, reviewerId).invoke(existing -> {
                    if (existing != null) {
                        throw ApiProblem.conflict("already-reviewed", "You have already reviewed question " + q.id);
                    }
                }))
                .chain(q -> blindAnswers.byReviewer(q.id, reviewerId).chain(blind -> {
                    if (blind == null) {
                        throw ApiProblem.conflict("blind-answer-required", "Answer question " + q.id
                                + " blind first (POST /api/qualification/reviews/" + q.id + "/blind); the key is shown "
                                + "after that, and the verdict on it comes last");
                    }
                    requireAwaitingReview(q);
                    AnswerKeyReview r = new AnswerKeyReview();
                    r.id = UUID.randomUUID();
                    r.questionId = q.id;
                    r.reviewerId = reviewerId;
                    r.reviewerAdmin = admin;
                    r.blindAnswer = blind.answer;
                    r.blindAgrees = blind.agrees;
                    r.referenceCorrect = request.referenceCorrect();
                    r.unambiguous = request.unambiguous();
                    r.expertLevel = request.expertLevel();
                    r.comment = request.comment();
                    r.createdAt = Instant.now();
                    return reviews.persist(r).chain(() -> decide(q)).map(ignored -> new Recorded(r, q));
                }));
    }

    /** The question, if it exists and the caller may review it (404, 403 otherwise). */
    private Uni<Question> reviewable(UUID reviewerId, boolean admin, Uni<Question> question, UUID questionId) {
        return question
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Question", questionId))
                .call(q -> {
                    if (q.authorId.equals(reviewerId)) {
                        throw ApiProblem.forbidden("You cannot review your own question").with("type-hint", "own-question");
                    }
                    return requireReviewer(reviewerId, admin, q.domain);
                });
    }

    private static void requireAwaitingReview(Question q) {
        if (q.status != QuestionStatus.AWAITING_REVIEW) {
            throw ApiProblem.conflict("not-awaiting-review", "Question " + q.id + " is " + q.status + ", not AWAITING_REVIEW");
        }
    }

    private Uni<Revealed> reveal(Question q, BlindAnswer blind) {
        return attempts.currentOf(q.id).map(panel -> new Revealed(q, blind, panel));
    }

    private Uni<Void> decide(Question q) {
        return reviews.ofQuestion(q.id).chain(all -> outcome(q, all)).chain(outcome -> switch (outcome.decision()) {
            case PENDING -> Uni.createFrom().voidItem();
            case REJECTED -> {
                q.status = QuestionStatus.REJECTED;
                q.decidedAt = Instant.now();
                yield Uni.createFrom().voidItem();
            }
            case VALID -> {
                q.status = QuestionStatus.VALID;
                q.decidedAt = Instant.now();
                yield questions.flush().chain(() -> evidence.reconsider(q.authorId, q.domain));
            }
        });
    }

    private Uni<KeyReviewOutcome> outcome(Question q, List<AnswerKeyReview> all) {
        List<KeyReviewOutcome.Review> facts = all.stream()
                .map(r -> new KeyReviewOutcome.Review(r.approves(), r.blindAgrees)).toList();
        return qualifications.count("domain = ?1 and expertId <> ?2 and tier is not null", q.domain, q.authorId)
                .map(peers -> KeyReviewOutcome.of(facts,
                        KeyReviewOutcome.approvalsRequired(peers, rules.reviewsRequired())));
    }

    private Uni<Void> requireReviewer(UUID reviewerId, boolean admin, String domain) {
        if (admin) {
            return Uni.createFrom().voidItem();
        }
        return qualifications.findById(new ExpertDomainKey(reviewerId, domain)).invoke(q -> {
            if (q == null || !q.isHeld()) {
                throw ApiProblem.forbidden("Only experts qualified in " + domain + " (or admins) review its questions");
            }
        }).replaceWithVoid();
    }

    /** Graded like a panel answer for EXACT, NUMERIC and MULTIPLE_CHOICE; null for FREE_FORM (a person judges it). */
    private static Boolean blindAgrees(Question q, String blindAnswer) {
        if (q.answerType == AnswerType.FREE_FORM) {
            return null;
        }
        ReferenceKey key = new ReferenceKey(q.prompt, q.answerType, q.referenceAnswer, QuestionService.options(q),
                q.tolerance, q.rubric);
        return DeterministicGrader.grade(key, blindAnswer).verdict() == Verdict.CORRECT;
    }

    public static List<String> optionsOf(Question q) {
        return QuestionService.options(q);
    }
}
