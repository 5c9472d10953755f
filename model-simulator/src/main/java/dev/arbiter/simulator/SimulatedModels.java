package dev.arbiter.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.simulator.judge.AnswerJudge;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.simulator.judge.JudgePrompt;
import dev.arbiter.simulator.judge.JudgeRequest;
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
     * The assistant message {@code model} replies to a conversation: its system text (empty when none),
     * its last user message and the reply format asked for. Panel models answer the user message; the
     * judge grades (see {@link JudgeRequest} for the two request forms it reads).
     *
     * @throws IllegalArgumentException when the judge is sent something that is not a grading request
     */
    public String reply(String model, String system, String lastUserMessage, ReplyFormat format) {
        if (judgeModel.equals(model)) {
            return judge(system, lastUserMessage, format);
        }
        return knowledge.answer(model, lastUserMessage)
                .orElseGet(() -> WrongAnswers.forQuestion(model, lastUserMessage,
                        knowledge.answerKeys(lastUserMessage)));
    }

    /**
     * The judge's verdict in the shape asked for: under a JSON schema only the schema's properties, as a
     * JSON object when asked for one, and without {@code response_format} the way chat models answer
     * free text: a sentence and the JSON in a fenced block.
     */
    private static String judge(String system, String message, ReplyFormat format) {
        JudgeRequest request = JudgeRequest.parse(system, message)
                .orElseThrow(() -> new IllegalArgumentException(JudgePrompt.FORMAT_HINT));
        JudgeVerdict verdict = request.injected().orElseGet(() -> AnswerJudge.grade(request.reference(), request.candidate()));
        ObjectNode json = JSON.valueToTree(verdict);
        if (format.kind() == ReplyFormat.Kind.JSON_SCHEMA && !format.properties().isEmpty()) {
            json.retain(format.properties());
        }
        try {
            String body = JSON.writeValueAsString(json);
            return format.structured() ? body : "Here is my grade.\n```json\n" + body + "\n```";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a judge verdict", e);
        }
    }
}
