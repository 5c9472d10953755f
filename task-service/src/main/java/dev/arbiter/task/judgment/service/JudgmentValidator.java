package dev.arbiter.task.judgment.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.judgment.model.CritiqueCategory;
import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.judgment.model.Judgment.Critique;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.model.LabelledJudgment.LabelledCritique;
import dev.arbiter.task.judgment.model.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submitted judgment against its job and task and, when it is complete, translates it from
 * the task's labels back to the item's original response ids. A pure function of its inputs: every
 * problem is named by its JSON path, with what is allowed.
 */
public final class JudgmentValidator {

    public static final int MAX_CRITIQUES = 60;
    private static final List<String> CATEGORIES = Arrays.stream(CritiqueCategory.values()).map(Enum::name).toList();
    private static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Enum::name).toList();

    /** What the judgment is checked against. {@code order} holds the original ids in label order. */
    public record Context(Comparison comparison, List<Dimension> dimensions, int minRationaleLength, int maxTextChars,
                          List<String> order, Map<String, String> texts) {
    }

    private final Context context;
    private final Set<String> labels = new LinkedHashSet<>();
    private final List<Violation> violations = new ArrayList<>();

    private JudgmentValidator(Context context) {
        this.context = context;
        for (int i = 0; i < context.order().size(); i++) {
            labels.add(ResponseShuffle.label(i));
        }
    }

    /** The problems of a judgment, in the order of its fields; empty when it is complete and valid. */
    public static List<Violation> check(LabelledJudgment body, Context context) {
        JudgmentValidator v = new JudgmentValidator(context);
        v.validate(body);
        return List.copyOf(v.violations);
    }

    /** The judgment in original ids; call only when {@link #check} found nothing. */
    public static Judgment translate(LabelledJudgment body, Context context) {
        List<String> ranking = body.ranking().stream().map(l -> idOf(l, context)).toList();
        Map<String, Map<String, Integer>> scores = new LinkedHashMap<>();
        body.scores().forEach((label, dims) -> {
            Map<String, Integer> byDim = new LinkedHashMap<>();
            dims.forEach((k, n) -> byDim.put(k, n.intValue()));
            scores.put(idOf(label, context), byDim);
        });
        List<LabelledCritique> given = body.critiques() == null ? List.of() : body.critiques();
        List<Critique> critiques = given.stream().map(c -> new Critique(idOf(c.label(), context),
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

    private void validate(LabelledJudgment body) {
        if (body == null) {
            fail("body", "a judgment is required");
            return;
        }
        String preferred = ranking(body.ranking());
        strength(body.preferenceStrength(), preferred);
        scores(body.scores());
        rationales(body.rationales());
        critiques(body.critiques(), body.ranking(), preferred);
        text("overallRationale", body.overallRationale(), context.minRationaleLength());
    }

    /** Checks that the ranking is a permutation of the labels; answers the preferred label or null. */
    private String ranking(List<String> ranking) {
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

    private void strength(Integer strength, String preferred) {
        if (context.comparison() == Comparison.RANK) {
            if (strength != null) {
                fail("preferenceStrength", "applies to PAIRWISE jobs only; leave it out of a RANK judgment");
            }
            return;
        }
        if (strength == null) {
            fail("preferenceStrength", "is required: -3…-1 when A is better, 1…3 when B is better");
        } else if (strength == 0 || strength < -3 || strength > 3) {
            fail("preferenceStrength", "must be -3…-1 (A is better) or 1…3 (B is better)");
        } else if (preferred != null && !preferred.equals(strength < 0 ? "A" : "B")) {
            fail("preferenceStrength", "says " + (strength < 0 ? "A" : "B") + " is better but the ranking prefers " + preferred);
        }
    }

    private void scores(Map<String, Map<String, JsonNode>> scores) {
        if (scores == null) {
            fail("scores", "is required: a score for every response " + labels + " on every dimension " + dimensionKeys());
            return;
        }
        for (String label : scores.keySet()) {
            if (!labels.contains(label)) {
                fail("scores." + label, "is not a label of this task; the labels are " + labels);
            }
        }
        for (String label : labels) {
            Map<String, JsonNode> byDim = scores.get(label);
            for (Dimension d : context.dimensions()) {
                score("scores." + label + "." + d.key(), byDim == null ? null : byDim.get(d.key()), d);
            }
            if (byDim != null) {
                byDim.keySet().stream().filter(k -> dimension(k) == null).forEach(k -> fail("scores." + label + "." + k,
                        "is not a dimension of this job; the dimensions are " + dimensionKeys()));
            }
        }
    }

    private void score(String field, JsonNode n, Dimension d) {
        String range = "a whole number from " + d.scaleMin() + " to " + d.scaleMax();
        if (n == null || n.isNull()) {
            fail(field, "is required: " + range);
        } else if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            fail(field, "must be " + range);
        } else if (n.intValue() < d.scaleMin() || n.intValue() > d.scaleMax()) {
            fail(field, "must be " + range);
        }
    }

    private void rationales(Map<String, String> rationales) {
        for (Dimension d : context.dimensions()) {
            text("rationales." + d.key(), rationales == null ? null : rationales.get(d.key()), context.minRationaleLength());
        }
        if (rationales != null) {
            rationales.keySet().stream().filter(k -> dimension(k) == null).forEach(k -> fail("rationales." + k,
                    "is not a dimension of this job; the dimensions are " + dimensionKeys()));
        }
    }

    private void critiques(List<LabelledCritique> critiques, List<String> ranking, String preferred) {
        List<LabelledCritique> list = critiques == null ? List.of() : critiques;
        if (list.size() > MAX_CRITIQUES) {
            fail("critiques", "must hold at most " + MAX_CRITIQUES + " critiques");
            return;
        }
        Set<String> critiqued = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            LabelledCritique c = list.get(i);
            String at = "critiques[" + i + "]";
            if (c == null) {
                fail(at, "must be an object");
                continue;
            }
            if (c.label() == null || !labels.contains(c.label())) {
                fail(at + ".label", "must be one of " + String.join(", ", labels));
            } else {
                critiqued.add(c.label());
                quote(at + ".quote", c);
            }
            if (c.category() == null || !CATEGORIES.contains(c.category())) {
                fail(at + ".category", "must be one of " + String.join(", ", CATEGORIES));
            }
            if (c.severity() == null || !SEVERITIES.contains(c.severity())) {
                fail(at + ".severity", "must be one of " + String.join(", ", SEVERITIES));
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

    private void quote(String field, LabelledCritique c) {
        if (c.quote() == null || c.quote().isBlank()) {
            return;
        }
        String text = context.texts().get(context.order().get(ResponseShuffle.position(c.label())));
        if (c.quote().length() > context.maxTextChars() || !text.contains(c.quote())) {
            fail(field, "must be a span quoted exactly from response " + c.label() + ", or left out");
        }
    }

    private void text(String field, String value, int minLength) {
        if (value == null || value.isBlank()) {
            fail(field, minLength > 1 ? "is required: at least " + minLength + " characters" : "is required");
        } else if (value.strip().length() < minLength) {
            fail(field, "must have at least " + minLength + " characters");
        } else if (value.length() > context.maxTextChars()) {
            fail(field, "must have at most " + context.maxTextChars() + " characters");
        }
    }

    private Dimension dimension(String key) {
        return context.dimensions().stream().filter(d -> d.key().equals(key)).findFirst().orElse(null);
    }

    private List<String> dimensionKeys() {
        return context.dimensions().stream().map(Dimension::key).toList();
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
