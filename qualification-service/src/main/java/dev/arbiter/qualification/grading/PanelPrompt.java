package dev.arbiter.qualification.grading;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;

/** What the panel models are asked: the question as written (with its options), and how to answer. */
public final class PanelPrompt {

    private PanelPrompt() {
    }

    public static List<ChatMessage> messages(ReferenceKey key) {
        return List.of(SystemMessage.from(instructions(key.type())), UserMessage.from(question(key)));
    }

    public static String question(ReferenceKey key) {
        if (key.type() != AnswerType.MULTIPLE_CHOICE) {
            return key.prompt();
        }
        StringBuilder s = new StringBuilder(key.prompt());
        for (int i = 0; i < key.options().size(); i++) {
            s.append('\n').append(ChoiceExtractor.letter(i)).append(") ").append(key.options().get(i));
        }
        return s.toString();
    }

    private static String instructions(AnswerType type) {
        return switch (type) {
            case EXACT -> "Answer with the answer only: a word, a name or a short phrase, no explanation.";
            case NUMERIC -> "Answer with the final number only (no units, no working).";
            case MULTIPLE_CHOICE -> "Answer with the letter of the one correct option only.";
            case FREE_FORM -> "Answer precisely and concisely, in at most a few sentences.";
        };
    }
}
