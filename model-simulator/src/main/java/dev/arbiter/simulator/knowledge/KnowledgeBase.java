package dev.arbiter.simulator.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * What each simulated model knows. Thread-safe: tests add knowledge while requests are served.
 *
 * <p>A question matches a known one when both normalise ({@link QuestionText#normalize}) to the
 * same text; failing that, when the asked text contains a known question of at least
 * {@value #MIN_CONTAINED_LENGTH} characters on word boundaries (a caller's prompt template
 * wrapped around the question). A model's own knowledge wins over the wildcard's.
 */
public final class KnowledgeBase {

    /** Known by every model. */
    public static final String EVERY_MODEL = "*";
    /** Known by no model: an answer key that wrong answers steer clear of. */
    public static final String NO_MODEL = "-";

    static final int MIN_CONTAINED_LENGTH = 12;

    /** model → normalised question → answer; insertion order of models is kept separately. */
    private final Map<String, Map<String, String>> answers = new ConcurrentHashMap<>();
    private final Set<String> models = new CopyOnWriteArraySet<>();

    public KnowledgeBase() {
    }

    public KnowledgeBase(Collection<KnowledgeEntry> entries) {
        entries.forEach(this::add);
    }

    /** Adds or replaces what {@code entry.model()} answers to {@code entry.question()}. */
    public void add(KnowledgeEntry entry) {
        String question = QuestionText.normalize(entry.question());
        if (question.isEmpty()) {
            throw new IllegalArgumentException("question has no text once normalised: " + entry.question());
        }
        answers.computeIfAbsent(entry.model(), m -> new ConcurrentHashMap<>()).put(question, entry.answer());
        if (!isPseudoModel(entry.model())) {
            models.add(entry.model());
        }
    }

    /** The real model names the knowledge mentions, in the order first seen. */
    public List<String> models() {
        return List.copyOf(models);
    }

    /** What {@code model} answers to {@code asked}, if it knows. */
    public Optional<String> answer(String model, String asked) {
        String question = QuestionText.normalize(asked);
        return exact(model, question)
                .or(() -> exact(EVERY_MODEL, question))
                .or(() -> contained(model, question))
                .or(() -> contained(EVERY_MODEL, question));
    }

    /** Every answer any entry (any model, wildcard or answer key) gives to {@code asked}. */
    public Set<String> answerKeys(String asked) {
        String question = QuestionText.normalize(asked);
        Set<String> keys = new LinkedHashSet<>();
        for (String model : answers.keySet()) {
            exact(model, question).or(() -> contained(model, question)).ifPresent(keys::add);
        }
        return keys;
    }

    private Optional<String> exact(String model, String question) {
        return Optional.ofNullable(answers.getOrDefault(model, Map.of()).get(question));
    }

    private Optional<String> contained(String model, String question) {
        String best = null;
        String bestAnswer = null;
        for (Map.Entry<String, String> known : new ArrayList<>(answers.getOrDefault(model, Map.of()).entrySet())) {
            String candidate = known.getKey();
            if (candidate.length() >= MIN_CONTAINED_LENGTH
                    && (best == null || candidate.length() > best.length())
                    && QuestionText.containsPhrase(question, candidate)) {
                best = candidate;
                bestAnswer = known.getValue();
            }
        }
        return Optional.ofNullable(bestAnswer);
    }

    private static boolean isPseudoModel(String model) {
        return EVERY_MODEL.equals(model) || NO_MODEL.equals(model);
    }
}
