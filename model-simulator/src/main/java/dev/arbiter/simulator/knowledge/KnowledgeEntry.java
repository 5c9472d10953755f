package dev.arbiter.simulator.knowledge;

import java.util.Objects;

/**
 * One line of the knowledge file: {@code model} answers {@code question} with {@code answer}.
 * {@code model} may be {@value KnowledgeBase#EVERY_MODEL} (every model knows it) or
 * {@value KnowledgeBase#NO_MODEL} (an answer key only: no model knows it, and wrong answers
 * are chosen to avoid it).
 */
public record KnowledgeEntry(String model, String question, String answer) {

    public KnowledgeEntry {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        if (model.isBlank() || question.isBlank() || answer.isBlank()) {
            throw new IllegalArgumentException("model, question and answer must not be blank");
        }
    }
}
