package dev.arbiter.qualification.grading;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text in an author's question, options, reference or rubric that speaks to the models rather than
 * asking them something: it tells them what to answer (or to answer wrongly), addresses them as models,
 * tries to override their instructions, or imitates our prompt's structure (section headers, role markers,
 * a judge verdict, a verdict dictated to the grader). A question that does this could "stump" the panel by
 * instruction instead of by expertise. Saying how to format an answer ("give the answer in grams") is fine.
 *
 * <p>Pure and linear: the text is normalised first (NFKC, lower case, whitespace collapsed), and every
 * pattern is a run of literals with bounded gaps.
 */
public final class PromptSteering {

    /** A pattern, what finding it means, and whether it only matters in a question (not in a reference or rubric). */
    private record Rule(Pattern pattern, String why, boolean questionOnly) {
    }

    /** Words that name the models as models ("a model" alone is too common in questions: "a model organism"). */
    private static final String MODEL = "(?:ai|a\\.i\\.|llms?|(?:large )?language models?|chat ?bots?|chatgpt|gpt"
            + "|ai (?:models?|assistants?|systems?)|(?:the )?panel(?: models?)?)";

    private static final List<Rule> RULES = List.of(
            // Anywhere: our prompt's structure imitated, instructions overridden, a verdict dictated.
            rule("\\b(?:ignore|disregard|forget|override) (?:all |any |the |of )?(?:previous|prior|above|earlier|preceding"
                            + "|foregoing|system|your|these|those|other|all) (?:instructions?|prompts?|rules|guidelines|messages?)\\b",
                    "tries to override the models' instructions", false),
            rule("\\bsystem prompt\\b|\\b(?:your|the model's|the models') (?:system )?(?:prompt|instructions)\\b",
                    "speaks about the models' prompt", false),
            rule("\\b(?:you are|you're|as) an? " + MODEL + "\\b", "addresses the models as models", false),
            rule("\\bif you(?: are|'re) an? " + MODEL + "\\b", "addresses the models as models", false),
            rule("(?m)^ ?#{2,} ?(?:question|reference|rubric|candidate|answer|verdict|system|instructions?)\\b",
                    "imitates the sections of a model prompt", false),
            rule("<\\|?(?:im_start|im_end|system|assistant|user)\\|?>|\\[/?inst]|</?(?:system|assistant)>",
                    "imitates a model's role markers", false),
            rule("\\{ ?\"correct\" ?:", "carries a judge verdict", false),
            rule("\\b(?:mark|grade|judge|score|rate|treat)\\b (?:it|this|them|every|each|all|any)\\b[^.\\n]{0,30}?\\b(?:incorrect|wrong|false|failed)\\b",
                    "tells the grader what to decide", false),
            rule("\\b(?:every|each|all|any) (?:candidate |model )?(?:answers?|responses?) (?:is|are|must be|should be)"
                            + " (?:graded |marked |judged )?(?:incorrect|wrong|false)\\b",
                    "tells the grader what to decide", false),
            // In a question: the models told what to answer, or to answer wrongly.
            rule("\\b" + MODEL + ",? (?:must|should|shall|always|never|will) (?:answer|respond|reply|say|write|output|choose|pick)\\b",
                    "tells the models how to answer", true),
            rule("\\b(?:answer|respond|reply)(?: this| the question)? (?:incorrectly|wrongly|falsely|with a wrong|with an incorrect)\\b",
                    "tells the models to answer wrongly", true),
            rule("\\b(?:give|provide|choose|pick|write|output|say) (?:a |an |the )?(?:wrong|incorrect|false|mistaken) (?:answer|option|letter|number|value)\\b",
                    "tells the models to answer wrongly", true),
            rule("\\b(?:do not|don't|never) (?:answer|respond|reply|choose|pick|say)\\b[^.\\n]{0,20}?\\b(?:correctly|truthfully|the (?:right|correct) (?:answer|option|one))\\b",
                    "tells the models to answer wrongly", true),
            rule("\\b(?:you must|you should|you have to|make sure you|always) (?:answer|respond|reply|say|output|choose|pick)\\b",
                    "tells the models what to answer", true),
            rule("\\b(?:your|the) (?:final |only )?(?:answer|response|reply) (?:must|should|has to|needs to) be\\b",
                    "tells the models what to answer", true),
            rule("\\b(?:answer|respond|reply|say) (?:only )?(?:with )?[\"'“‘][^\"'”’\\n]{1,60}[\"'”’] (?:no matter|regardless|whatever|even if)\\b",
                    "tells the models what to answer", true));

    private PromptSteering() {
    }

    private static Rule rule(String regex, String why, boolean questionOnly) {
        return new Rule(Pattern.compile(regex), why, questionOnly);
    }

    /** What a question's (or option's) text does to steer the models, naming the words found, or empty when it only asks. */
    public static Optional<String> find(String text) {
        return find(text, true);
    }

    /**
     * The same for a reference or rubric, which the judge reads: there, saying what a correct answer must be is
     * the point, so only imitated structure, overridden instructions and dictated verdicts count.
     */
    public static Optional<String> findInKey(String text) {
        return find(text, false);
    }

    private static Optional<String> find(String text, boolean question) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normal = normalize(text);
        for (Rule rule : RULES) {
            if (rule.questionOnly() && !question) {
                continue;
            }
            Matcher m = rule.pattern().matcher(normal);
            if (m.find()) {
                return Optional.of(rule.why() + " (\"" + excerpt(m.group()) + "\")");
            }
        }
        return Optional.empty();
    }

    /** NFKC and lower case; runs of spaces and tabs become one space, line breaks stay (headers are line-based). */
    static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                if (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append('\n');
                space = false;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else {
                if (space && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String excerpt(String found) {
        String oneLine = found.strip().replace('\n', ' ');
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
