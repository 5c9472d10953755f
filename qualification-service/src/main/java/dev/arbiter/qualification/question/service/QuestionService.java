package dev.arbiter.qualification.question.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.domain.SubmissionLimits;
import dev.arbiter.qualification.grading.ReferenceKey;
import dev.arbiter.qualification.grading.Verdict;
import dev.arbiter.qualification.grant.repository.QualificationRepository;
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.keyreview.repository.AnswerKeyReviewRepository;
import dev.arbiter.qualification.question.model.ModelAttempt;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.repository.ModelAttemptRepository;
import dev.arbiter.qualification.question.repository.PromptRow;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import dev.arbiter.qualification.similarity.DuplicateBands;
import dev.arbiter.qualification.similarity.QuestionSimilarity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Submission of questions (validation, attempt cap, near-duplicates) and what authors and admins see. */
@ApplicationScoped
public class QuestionService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuestionRepository questions;
    private final ModelAttemptRepository attempts;
    private final AnswerKeyReviewRepository reviews;
    private final QualificationRepository qualifications;
    private final DomainCatalog domains;
    private final QualificationRules rules;
    private final SubmissionLimits limits;

    public QuestionService(QuestionRepository questions, ModelAttemptRepository attempts, AnswerKeyReviewRepository reviews,
                           QualificationRepository qualifications, DomainCatalog domains, QualificationRules rules,
                           SubmissionLimits limits) {
        this.limits = limits;
        this.questions = questions;
        this.attempts = attempts;
        this.reviews = reviews;
        this.qualifications = qualifications;
        this.domains = domains;
        this.rules = rules;
    }

    /** A question with everything its author or an admin may see. */
    public record Details(Question question, List<ModelAttempt> attempts, List<AnswerKeyReview> reviews) {
    }

    /**
     * Stores a new question as EVALUATING (the caller then dispatches its evaluation) or, when it is a
     * near-duplicate of an earlier one, as DUPLICATE. Bad input, a spent attempts cap, a spent daily
     * budget of panel calls and too many submissions at once fail before anything is written.
     *
     * @param panelModels the models the panel asks now: what the question costs
     */
    @WithTransaction
    public Uni<Question> submit(UUID authorId, NewQuestion request, int panelModels) {
        return domains.require(request.domain()).chain(domain -> {
            String reference = AnswerKeyValidator.canonicalReference(request);
            QuestionSimilarity.Fingerprint fingerprint = QuestionSimilarity.fingerprint(request.prompt().trim());
            long[] bands = DuplicateBands.of(domain, fingerprint);
            Instant now = Instant.now();
            int cost = SubmissionAllowance.cost(request.answerType(), panelModels);
            SubmissionAllowance allowance = allowance();
            return lockSubmissions(authorId)
                    .chain(() -> questions.countAttempts(authorId, domain, now.minus(rules.attemptsWindow())))
                    .invoke(used -> {
                        if (used >= rules.maxAttempts()) {
                            throw new ApiProblem(429, "attempt-cap-reached", "Too many attempts",
                                    "You have used all " + rules.maxAttempts() + " attempts in " + domain + " for the last "
                                            + rules.attemptsWindow().toDays() + " days")
                                    .with("attemptsUsed", used).with("maxAttempts", rules.maxAttempts())
                                    .with("attemptsLeft", 0);
                        }
                    })
                    .chain(() -> questions.submissionsOf(authorId, now.minus(allowance.lookBack())))
                    .invoke(recent -> allowance.check(recent.stream()
                                    .map(r -> new SubmissionAllowance.Submission(r.createdAt(), r.panelCalls())).toList(), cost, now)
                            .ifPresent(refusal -> {
                                throw refused(refusal, allowance, now);
                            }))
                    .chain(() -> questions.duplicateCandidates(domain, bands, fingerprint.numberKey(),
                            rules.duplicateCandidates()))
                    .chain(earlier -> {
                        Question q = new Question();
                        q.id = UUID.randomUUID();
                        q.authorId = authorId;
                        q.domain = domain;
                        q.prompt = request.prompt().trim();
                        q.answerType = request.answerType();
                        q.referenceAnswer = reference;
                        q.optionsJson = request.options() == null || request.options().isEmpty() ? null : toJson(request.options());
                        q.tolerance = request.tolerance();
                        q.rubric = request.rubric();
                        q.rationale = request.rationale().trim();
                        q.minFailures = rules.minFailures();
                        q.createdAt = now;
                        q.status = QuestionStatus.EVALUATING;
                        q.similarityKey = fingerprint.lookupKey();
                        q.numberKey = fingerprint.numberKey();
                        q.duplicateBands = bands;
                        markIfDuplicate(q, fingerprint, earlier);
                        q.panelCalls = q.status == QuestionStatus.DUPLICATE ? 0 : cost;
                        return questions.persist(q);
                    });
        });
    }

    private SubmissionAllowance allowance() {
        return new SubmissionAllowance(limits.maxPerWindow(), limits.window(), limits.dailyPanelCalls());
    }

    /** A 429 that says which limit, how much of it is used, and when to try again (also as Retry-After). */
    private static ApiProblem refused(SubmissionAllowance.Refusal refusal, SubmissionAllowance allowance, Instant now) {
        Duration wait = refusal.retryAfter(now);
        String when = "try again in " + SubmissionAllowance.inWords(wait) + " (after "
                + refusal.retryAt().truncatedTo(ChronoUnit.SECONDS) + ")";
        ApiProblem problem = switch (refusal.limit()) {
            case RATE -> new ApiProblem(429, "submission-rate-limited", "Too many submissions",
                    "You have submitted " + refusal.used() + " questions in the last " + inWords(allowance.window())
                            + "; an expert may submit at most " + allowance.maxPerWindow() + " in any "
                            + inWords(allowance.window()) + ". Nothing was stored; " + when + ".")
                    .with("limit", allowance.maxPerWindow()).with("windowSeconds", allowance.window().toSeconds())
                    .with("submitted", refusal.used());
            case PANEL_CALLS -> new ApiProblem(429, "panel-call-budget-spent", "Daily panel budget spent",
                    "Your questions of the last 24 hours have cost " + refusal.used() + " of your " + allowance.dailyPanelCalls()
                            + " daily panel calls, and this one would cost " + refusal.cost() + " (one call per panel model"
                            + ", and one per judge grading for a free-form question). Nothing was stored; "
                            + (refusal.cost() > allowance.dailyPanelCalls()
                                    ? "a question of this type costs more than the whole daily budget: ask an administrator."
                                    : when + ", when earlier questions leave the 24-hour window."))
                    .with("dailyPanelCalls", allowance.dailyPanelCalls()).with("panelCallsUsed", refusal.used())
                    .with("questionCost", refusal.cost());
        };
        return problem.with("retryAt", refusal.retryAt().truncatedTo(ChronoUnit.SECONDS).toString())
                .retryAfter((int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.plusMillis(999).getSeconds())));
    }

    private static String inWords(Duration window) {
        return SubmissionAllowance.inWords(window);
    }

    /**
     * Serialises the submissions of one expert (every domain), so that two at once cannot both pass the
     * attempts cap, the rate limit or the daily budget.
     */
    private Uni<Void> lockSubmissions(UUID authorId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(pg_advisory_xact_lock(hashtext(?1)) as text)", String.class)
                .setParameter(1, "question-submission:" + authorId).getSingleResult()).replaceWithVoid();
    }

    /** Decides among the candidates the index found, with the same measure as ever. */
    private void markIfDuplicate(Question q, QuestionSimilarity.Fingerprint fingerprint, List<PromptRow> candidates) {
        double best = 0;
        PromptRow bestRow = null;
        for (PromptRow row : candidates) {
            double score = QuestionSimilarity.similarity(fingerprint, QuestionSimilarity.fingerprint(row.prompt()));
            if (score > best) {
                best = score;
                bestRow = row;
            }
        }
        if (bestRow != null && best >= rules.duplicateThreshold()) {
            q.status = QuestionStatus.DUPLICATE;
            q.duplicateOf = bestRow.id();
            q.duplicateOfAuthorId = bestRow.authorId();
            q.similarity = Math.round(best * 1000) / 1000.0;
            q.decidedAt = q.createdAt;
        }
    }

    /** The question if the caller is its author or an admin; anyone else gets a 404, as if it did not exist. */
    @WithSession
    public Uni<Details> details(UUID questionId, UUID callerId, boolean admin) {
        return questions.findById(questionId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Question", questionId))
                .invoke(q -> {
                    if (!admin && !q.authorId.equals(callerId)) {
                        throw ApiProblem.notFound("Question", questionId);
                    }
                })
                .call(this::loadDuplicateAuthor)
                .chain(q -> attempts.ofQuestion(q.id)
                        .chain(a -> reviews.ofQuestion(q.id).map(r -> new Details(q, a, r))));
    }

    private Uni<Void> loadDuplicateAuthor(Question q) {
        if (q.duplicateOf == null) {
            return Uni.createFrom().voidItem();
        }
        return questions.findById(q.duplicateOf).invoke(d -> q.duplicateOfAuthorId = d == null ? null : d.authorId)
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<Question>> list(UUID callerId, boolean admin) {
        return admin ? questions.newest(500) : questions.ofAuthor(callerId, 500);
    }

    @WithSession
    public Uni<DomainStanding> status(UUID expertId, String domainName) {
        return domains.require(domainName).chain(domain -> {
            Instant since = Instant.now().minus(rules.attemptsWindow());
            return questions.countValid(expertId, domain)
                    .chain(valid -> questions.countAttempts(expertId, domain, since)
                            .chain(used -> qualifications.findById(new ExpertDomainKey(expertId, domain))
                                    .map(q -> new DomainStanding(domain, valid, rules.requiredValid(), used, rules.maxAttempts(),
                                            Math.max(0, rules.maxAttempts() - used), rules.attemptsWindow().toDays(),
                                            q != null && q.isHeld(), q == null ? null : q.tier,
                                            q == null || !q.isHeld() ? null : q.source.name()))));
        });
    }

    /**
     * An admin grades, by hand, an answer the judge was not confident about; the question is then
     * decided again with the same rule as the panel's.
     */
    @WithTransaction
    public Uni<Question> gradeByHand(UUID adminId, UUID questionId, String model, Verdict verdict) {
        if (verdict == Verdict.NO_ANSWER) {
            throw ApiProblem.validation(Violation.oneOf("verdict",
                    List.of(Verdict.CORRECT.name(), Verdict.INCORRECT.name())));
        }
        return questions.findById(questionId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Question", questionId))
                .invoke(q -> {
                    if (q.status != QuestionStatus.NEEDS_HUMAN_GRADING) {
                        throw ApiProblem.conflict("not-awaiting-grading", "Question " + questionId + " is " + q.status
                                + ", not NEEDS_HUMAN_GRADING");
                    }
                })
                .chain(q -> attempts.currentOf(q.id).map(current -> {
                    List<String> awaiting = current.stream().filter(a -> a.uncertain).map(a -> a.model).toList();
                    ModelAttempt attempt = current.stream().filter(a -> a.model.equals(model) && a.uncertain).findFirst()
                            .orElseThrow(() -> ApiProblem.validation(Violation.oneOf("model", awaiting)));
                    attempt.verdict = verdict;
                    attempt.uncertain = false;
                    attempt.gradedBy = adminId;
                    EvaluationOutcome.apply(q, current.stream().map(EvaluationOutcome::grade).toList(), rules, Instant.now());
                    return q;
                }));
    }

    static ReferenceKey referenceKey(Question q) {
        return new ReferenceKey(q.prompt, q.answerType, q.referenceAnswer, options(q), q.tolerance, q.rubric);
    }

    public static List<String> options(Question q) {
        if (q.optionsJson == null) {
            return List.of();
        }
        try {
            return JSON.readValue(q.optionsJson, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("options of question " + q.id + " are not a JSON array", e);
        }
    }

    private static String toJson(List<String> options) {
        try {
            return JSON.writeValueAsString(options.stream().map(String::trim).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
