package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.DeterministicGrader;
import dev.arbiter.qualification.grading.Grade;
import dev.arbiter.qualification.grading.JudgePrompt;
import dev.arbiter.qualification.grading.JudgeVerdict;
import dev.arbiter.qualification.grading.PanelPrompt;
import dev.arbiter.qualification.grading.PromptSteering;
import dev.arbiter.qualification.grading.ReasoningSummary;
import dev.arbiter.qualification.grading.ReferenceKey;
import dev.arbiter.qualification.grading.Verdict;
import dev.arbiter.qualification.panel.ModelReply;
import dev.arbiter.qualification.panel.PanelModel;
import dev.arbiter.qualification.panel.PanelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the whole panel a question at once and grades every reply: deterministically for EXACT,
 * NUMERIC and MULTIPLE_CHOICE, through the judge model for FREE_FORM. Never touches the database and
 * never runs on the event loop: the returned future completes on panel threads.
 */
@ApplicationScoped
public class PanelGrader {

    /** The judge's reasoning as stored (for admins); a model may write at length. */
    static final int MAX_REASONING = 2000;

    private final PanelRegistry registry;
    private final QualificationRules rules;

    public PanelGrader(PanelRegistry registry, QualificationRules rules) {
        this.registry = registry;
        this.rules = rules;
    }

    public CompletableFuture<List<GradedReply>> evaluate(ReferenceKey key) {
        return registry.panel()
                .thenCompose(panel -> panel.askAll(PanelPrompt.messages(key)))
                .thenCompose(replies -> {
                    List<CompletableFuture<GradedReply>> graded = replies.stream().map(r -> grade(key, r)).toList();
                    return CompletableFuture.allOf(graded.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> graded.stream().map(CompletableFuture::join).toList());
                });
    }

    private CompletableFuture<GradedReply> grade(ReferenceKey key, ModelReply reply) {
        if (!reply.answered()) {
            return CompletableFuture.completedFuture(new GradedReply(reply, Grade.noAnswer(reply.error())));
        }
        if (key.type() != AnswerType.FREE_FORM) {
            return CompletableFuture.completedFuture(new GradedReply(reply, DeterministicGrader.grade(key, reply.answer())));
        }
        PanelModel judge = registry.judge();
        Optional<String> steering = keySteering(key);
        return judge.ask(JudgePrompt.messages(key, reply.answer()), JudgePrompt.RESPONSE_FORMAT)
                .thenApply(judged -> new GradedReply(reply, withSteering(judgeGrade(judged), steering)));
    }

    /** Reference or rubric text that speaks to the grader (a header, a verdict, "mark it wrong"…). */
    static Optional<String> keySteering(ReferenceKey key) {
        return PromptSteering.findInKey(key.reference()).map(why -> "the reference " + why)
                .or(() -> PromptSteering.findInKey(key.rubric()).map(why -> "the rubric " + why));
    }

    /**
     * The judge reads the key as data, but a key written to steer it must not win a stump by that: its
     * failures wait for a person (uncertain) instead of counting. A correct grade stands.
     */
    static Grade withSteering(Grade grade, Optional<String> steering) {
        if (steering.isEmpty() || grade.verdict() != Verdict.INCORRECT || grade.uncertain()) {
            return grade;
        }
        return new Grade(grade.verdict(), grade.confidence(),
                ReasoningSummary.HELD_PREFIX + steering.get() + ". " + grade.reasoning(), true);
    }

    private Grade judgeGrade(ModelReply judged) {
        if (!judged.answered()) {
            // Without a grade the answer cannot count either way: treated like no answer, asked again later.
            return new Grade(Verdict.NO_ANSWER, null, "judge unavailable: " + judged.error(), false);
        }
        Optional<JudgeVerdict> verdict = JudgePrompt.parse(judged.answer());
        if (verdict.isEmpty()) {
            return new Grade(Verdict.NO_ANSWER, null, "judge reply was not a verdict", false);
        }
        JudgeVerdict v = verdict.get();
        boolean uncertain = v.confidence() < rules.judgeConfidenceThreshold();
        String reasoning = v.reasoning().length() <= MAX_REASONING ? v.reasoning()
                : v.reasoning().substring(0, MAX_REASONING - 3) + "...";
        return new Grade(v.correct() ? Verdict.CORRECT : Verdict.INCORRECT, v.confidence(), reasoning, uncertain);
    }
}
