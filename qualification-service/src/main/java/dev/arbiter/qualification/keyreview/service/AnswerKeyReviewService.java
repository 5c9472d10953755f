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
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.keyreview.repository.AnswerKeyReviewRepository;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import dev.arbiter.qualification.question.service.QuestionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Peer review of answer keys. Reviewers are experts qualified in the domain (never the author) or
 * admins; they answer blind first. A stumping question becomes VALID after {@code reviews-required}
 * approving reviews when that many qualified peers exist, otherwise after one (an admin's while the
 * domain has no qualified experts); any review that finds the key wrong, ambiguous or not
 * expert-level makes it REJECTED, with the reasons shown to the author.
 */
@ApplicationScoped
public class AnswerKeyReviewService {

    private final QuestionRepository questions;
    private final AnswerKeyReviewRepository reviews;
    private final QualificationRepository qualifications;
    private final EvidenceQualification evidence;
    private final DomainCatalog domains;
    private final QualificationRules rules;

    public AnswerKeyReviewService(QuestionRepository questions, AnswerKeyReviewRepository reviews, QualificationRepository qualifications,
                         EvidenceQualification evidence, DomainCatalog domains, QualificationRules rules) {
        this.questions = questions;
        this.reviews = reviews;
        this.qualifications = qualifications;
        this.evidence = evidence;
        this.domains = domains;
        this.rules = rules;
    }

    public record NextReview(Question question, int reviewsSoFar, int reviewsRequired) {
    }

    public record Recorded(AnswerKeyReview review, Question question) {
    }

    @WithSession
    public Uni<NextReview> next(UUID reviewerId, boolean admin, String domainName) {
        return domains.require(domainName).chain(domain -> {
            return requireReviewer(reviewerId, admin, domain)
                    .chain(() -> questions.nextToReview(domain, reviewerId))
                    .chain(q -> q == null ? Uni.createFrom().nullItem()
                            : reviews.ofQuestion(q.id).chain(rs -> required(q)
                                    .map(required -> new NextReview(q, rs.size(), required))));
        });
    }

    @WithTransaction
    public Uni<Recorded> review(UUID reviewerId, boolean admin, UUID questionId, KeyReviewSubmission request) {
        return questions.findById(questionId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Question", questionId))
                .call(q -> {
                    if (q.authorId.equals(reviewerId)) {
                        throw ApiProblem.forbidden("You cannot review your own question").with("type-hint", "own-question");
                    }
                    return requireReviewer(reviewerId, admin, q.domain);
                })
                .call(q -> reviews.byReviewer(q.id, reviewerId).invoke(existing -> {
                    if (existing != null) {
                        throw ApiProblem.conflict("already-reviewed", "You have already reviewed question " + q.id);
                    }
                }))
                .invoke(q -> {
                    if (q.status != QuestionStatus.AWAITING_REVIEW) {
                        throw ApiProblem.conflict("not-awaiting-review",
                                "Question " + q.id + " is " + q.status + ", not AWAITING_REVIEW");
                    }
                })
                .chain(q -> {
                    AnswerKeyReview r = new AnswerKeyReview();
                    r.id = UUID.randomUUID();
                    r.questionId = q.id;
                    r.reviewerId = reviewerId;
                    r.reviewerAdmin = admin;
                    r.blindAnswer = request.blindAnswer().trim();
                    r.blindAgrees = blindAgrees(q, r.blindAnswer);
                    r.referenceCorrect = request.referenceCorrect();
                    r.unambiguous = request.unambiguous();
                    r.expertLevel = request.expertLevel();
                    r.comment = request.comment();
                    r.createdAt = Instant.now();
                    return reviews.persist(r).chain(() -> decide(q)).map(ignored -> new Recorded(r, q));
                });
    }

    private Uni<Void> decide(Question q) {
        return reviews.ofQuestion(q.id).chain(all -> {
            if (all.stream().anyMatch(r -> !r.approves())) {
                q.status = QuestionStatus.REJECTED;
                q.decidedAt = Instant.now();
                return Uni.createFrom().voidItem();
            }
            return required(q).chain(required -> {
                if (all.size() < required) {
                    return Uni.createFrom().voidItem();
                }
                q.status = QuestionStatus.VALID;
                q.decidedAt = Instant.now();
                return questions.flush().chain(() -> evidence.reconsider(q.authorId, q.domain));
            });
        });
    }

    /** Two reviews where two qualified peers (other than the author) exist; otherwise one suffices. */
    private Uni<Integer> required(Question q) {
        return qualifications.count("domain = ?1 and expertId <> ?2 and tier is not null", q.domain, q.authorId)
                .map(peers -> peers >= rules.reviewsRequired() ? rules.reviewsRequired() : 1);
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
