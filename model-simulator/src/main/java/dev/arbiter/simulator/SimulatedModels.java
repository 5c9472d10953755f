package dev.arbiter.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.simulator.judge.AnswerJudge;
import dev.arbiter.simulator.judge.JudgePrompt;
import dev.arbiter.simulator.judge.JudgeVerdict;
import dev.arbiter.simulator.knowledge.KnowledgeBase;
import dev.arbiter.simulator.knowledge.WrongAnswers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The models the simulator serves and how each one replies: panel models answer from the
 * knowledge base (or wrongly, deterministically), the judge model grades.
 */
public final class SimulatedModels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KnowledgeBase knowledge;
    private final String judgeModel;

    public SimulatedModels(KnowledgeBase knowledge, String judgeModel) {
        this.knowledge = knowledge;
        this.judgeModel = judgeModel;
    }

    /** Every model named by the knowledge, then the judge. */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>(knowledge.models());
        names.add(judgeModel);
        return List.copyOf(names);
    }

    public boolean serves(String model) {
        return judgeModel.equals(model) || knowledge.models().contains(model);
    }

    public String judgeModel() {
        return judgeModel;
    }

    /**
     * The assistant message {@code model} replies to {@code lastUserMessage}.
     *
     * @throws IllegalArgumentException when the judge is sent something that is not a grading request
     */
    public String reply(String model, String lastUserMessage) {
        if (judgeModel.equals(model)) {
            return judge(lastUserMessage);
        }
        return knowledge.answer(model, lastUserMessage)
                .orElseGet(() -> WrongAnswers.forQuestion(model, lastUserMessage,
                        knowledge.answerKeys(lastUserMessage)));
    }

    private static String judge(String message) {
        JudgePrompt prompt = JudgePrompt.parse(message)
                .orElseThrow(() -> new IllegalArgumentException(JudgePrompt.FORMAT_HINT));
        JudgeVerdict verdict = AnswerJudge.grade(prompt.reference(), prompt.candidate());
        try {
            return JSON.writeValueAsString(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a judge verdict", e);
        }
    }
}
