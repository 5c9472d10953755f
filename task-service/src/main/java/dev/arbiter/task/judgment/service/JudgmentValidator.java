package dev.arbiter.task.judgment.service;

import dev.arbiter.task.claim.service.ResponseShuffle;
import dev.arbiter.task.job.rest.JobApi.Comparison;
import dev.arbiter.task.job.rest.JobApi.Dimension;
import dev.arbiter.task.judgment.rest.JudgmentApi.CritiqueBody;
import dev.arbiter.task.judgment.rest.JudgmentApi.JudgmentBody;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submitted judgment against its job and task and, when it is complete, translates it from
 * the task's labels back to the item's original response ids. Every problem is named by its field.
 */
public final class JudgmentValidator {

    public static final Set<String> CATEGORIES = Set.of("FACTUAL_ERROR", "REASONING_ERROR", "INCOMPLETE",
            "INSTRUCTION_VIOLATION", "HALLUCINATION", "UNSAFE", "STYLE", "OTHER");
    public static final Set<String> SEVERITIES = Set.of("MINOR", "MAJOR", "CRITICAL");
    private static final int MAX_CRITIQUES = 60;

    public record Violation(String field, String message) {
    }

    public record Critique(String responseId, String quote, String category, String severity, String comment) {
    }

    /** A valid judgment in original response ids. */
    public record Judgment(List<String> ranking, Integer preferenceStrength, Map<String, Map<String, Integer>> scores,
                           Map<String, String> rationales, List<Critique> critiques, String overallRationale) {
    }

    /** What the judgment is checked against. {@code order} holds the original ids in label order. */
    public record Context(Comparison comparison, List<Dimension> dimensions, int minRationaleLength, int maxTextChars,
                          List<String> order, Map<String, String> texts) {
    }

    private final Context context;
    private final List<Violation> violations = new ArrayList<>();

    private JudgmentValidator(Context context) {
        this.context = context;
    }

    /** The problems of a judgment; empty when it is complete and valid. */
    public static List<Violation> check(JudgmentBody body, Context context) {
        JudgmentValidator v = new JudgmentValidator(context);
        v.validate(body);
        return v.violations;
    }

    /** The judgment in original ids; call only when {@link #check} found nothing. */
    public static Judgment translate(JudgmentBody body, Context context) {
        List<String> ranking = body.ranking().stream().map(l -> idOf(l, context)).toList();
        Map<String, Map<String, Integer>> scores = new LinkedHashMap<>();
        body.scores().forEach((label, dims) -> {
            Map<String, Integer> byDim = new LinkedHashMap<>();
            dims.forEach((k, n) -> byDim.put(k, n.intValue()));
            scores.put(idOf(label, context), byDim);
        });
        List<Critique> critiques = body.critiques().stream().map(c -> new Critique(idOf(c.label(), context),
                blankToNull(c.quote()), c.category(), c.severity(), c.comment())).toList();
        return new Judgment(ranking, body.preferenceStrength(), scores, new LinkedHashMap<>(body.rationales()), critiques,
                body.overallRationale());
    }

    private static String idOf(String label, Context context) {
        return context.order().get(ResponseShuffle.position(label));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void validate(JudgmentBody body) {
        if (body == null) {
            fail("body", "a judgment is required");
            return;
        }
        Set<String> labels = labels();
        String preferred = ranking(body.ranking(), labels);
        strength(body.preferenceStrength(), body.ranking(), preferred);
        scores(body.scores(), labels);
        rationales(body.rationales());
        critiques(body.critiques(), labels, body.ranking(), preferred);
        text("overallRationale", body.overallRationale(), context.minRationaleLength());
    }

    private Set<String> labels() {
        Set<String> labels = new java.util.LinkedHashSet<>();
        for (int i = 0; i < context.order().size(); i++) {
            labels.add(ResponseShuffle.label(i));
        }
        return labels;
    }

    /** Checks that the ranking is a permutation of the labels; answers the preferred label or null. */
    private String ranking(List<String> ranking, Set<String> labels) {
        if (ranking == null || ranking.isEmpty()) {
            fail("ranking", "is required: every label " + labels + " in order of preference, best first");
            return null;
        }
        if (ranking.size() != labels.size() || !new HashSet<>(ranking).equals(labels)) {
            fail("ranking", "must name every label " + labels + " exactly once, best first");
            return null;
        }
        return ranking.get(0);
    }

    private void strength(Integer strength, List<String> ranking, String preferred) {
        if (context.comparison() == Comparison.RANK) {
            if (strength != null) {
                fail("preferenceStrength", "applies to pairwise jobs only");
            }
            return;
        }
        if (strength == null) {
            fail("preferenceStrength", "is required: -3…-1 when A is better, 1…3 when B is better");
        } else if (strength == 0 || strength < -3 || strength > 3) {
            fail("preferenceStrength", "must be between -3 and 3 and not 0");
        } else if (preferred != null && !preferred.equals(strength < 0 ? "A" : "B")) {
            fail("preferenceStrength", "says " + (strength < 0 ? "A" : "B") + " is better but the ranking prefers " + preferred);
        }
    }

    private void scores(Map<String, Map<String, Number>> scores, Set<String> labels) {
        if (scores == null) {
            fail("scores", "is required: a score for every response on every dimension");
            return;
        }
        for (String label : scores.keySet()) {
            if (!labels.contains(label)) {
                fail("scores." + label, "is not a label of this task");
            }
        }
        for (String label : labels) {
            Map<String, Number> byDim = scores.get(label);
            for (Dimension d : context.dimensions()) {
                String field = "scores." + label + "." + d.key();
                Number n = byDim == null ? null : byDim.get(d.key());
                if (n == null) {
                    fail(field, "is required");
                } else if (!(n instanceof Integer || n instanceof Long || n instanceof Short)) {
                    fail(field, "must be a whole number");
                } else if (n.longValue() < d.scaleMin() || n.longValue() > d.scaleMax()) {
                    fail(field, "must be between " + d.scaleMin() + " and " + d.scaleMax());
                }
            }
            if (byDim != null) {
                byDim.keySet().stream().filter(k -> context.dimensions().stream().noneMatch(d -> d.key().equals(k)))
                        .forEach(k -> fail("scores." + label + "." + k, "is not a dimension of this job"));
            }
        }
    }

    private void rationales(Map<String, String> rationales) {
        for (Dimension d : context.dimensions()) {
            text("rationales." + d.key(), rationales == null ? null : rationales.get(d.key()), context.minRationaleLength());
        }
        if (rationales != null) {
            rationales.keySet().stream().filter(k -> context.dimensions().stream().noneMatch(d -> d.key().equals(k)))
                    .forEach(k -> fail("rationales." + k, "is not a dimension of this job"));
        }
    }

    private void critiques(List<CritiqueBody> critiques, Set<String> labels, List<String> ranking, String preferred) {
        List<CritiqueBody> list = critiques == null ? List.of() : critiques;
        if (list.size() > MAX_CRITIQUES) {
            fail("critiques", "at most " + MAX_CRITIQUES + " critiques are accepted");
            return;
        }
        Set<String> critiqued = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            CritiqueBody c = list.get(i);
            String at = "critiques[" + i + "]";
            if (c == null) {
                fail(at, "must be an object");
                continue;
            }
            if (c.label() == null || !labels.contains(c.label())) {
                fail(at + ".label", "must be one of " + labels);
            } else {
                critiqued.add(c.label());
                if (c.quote() != null && !c.quote().isBlank()) {
                    String text = context.texts().get(context.order().get(ResponseShuffle.position(c.label())));
                    if (c.quote().length() > context.maxTextChars() || !text.contains(c.quote())) {
                        fail(at + ".quote", "must be a span quoted exactly from response " + c.label());
                    }
                }
            }
            if (c.category() == null || !CATEGORIES.contains(c.category())) {
                fail(at + ".category", "must be one of " + new java.util.TreeSet<>(CATEGORIES));
            }
            if (c.severity() == null || !SEVERITIES.contains(c.severity())) {
                fail(at + ".severity", "must be one of MINOR, MAJOR, CRITICAL");
            }
            text(at + ".comment", c.comment(), 1);
        }
        if (preferred != null) {
            for (String label : ranking) {
                if (!label.equals(preferred) && !critiqued.contains(label)) {
                    fail("critiques", "response " + label + " is not preferred and needs a critique");
                }
            }
        }
    }

    private void text(String field, String value, int minLength) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        } else if (value.strip().length() < minLength) {
            fail(field, "must have at least " + minLength + " characters");
        } else if (value.length() > context.maxTextChars()) {
            fail(field, "must have at most " + context.maxTextChars() + " characters");
        }
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
