package dev.arbiter.simulator.judge;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grading request our qualification grader sends to the judge model, as the last user
 * message. Sections start with a header line of their own; text before the first header
 * (instructions) is ignored, as is {@code ### RUBRIC}:
 *
 * <pre>
 * ### QUESTION
 * What does the business judgment rule protect?
 * ### REFERENCE
 * Directors' good-faith business decisions from judicial second-guessing.
 * ### CANDIDATE
 * It shields directors' good-faith decisions from second-guessing by courts.
 * </pre>
 *
 * {@code REFERENCE} and {@code CANDIDATE} are required; headers are case-insensitive.
 */
public record JudgePrompt(String question, String reference, String candidate, String rubric) {

    public static final String FORMAT_HINT = "the judge expects instructions in a system message and the last user "
            + "message a JSON object with string fields 'reference' and 'candidate' (optionally 'question', 'rubric'), "
            + "or one user message with the sections '### QUESTION', '### REFERENCE' and '### CANDIDATE' "
            + "(optionally '### RUBRIC'), each header on a line of its own";

    private static final Pattern HEADER = Pattern.compile(
            "(?im)^[ \\t]*###[ \\t]*(QUESTION|REFERENCE|CANDIDATE|RUBRIC)[ \\t]*:?[ \\t]*$");

    private enum Section { QUESTION, REFERENCE, CANDIDATE, RUBRIC }

    /** The sections of {@code message}, or empty when REFERENCE or CANDIDATE is missing. */
    public static Optional<JudgePrompt> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Map<Section, String> sections = new EnumMap<>(Section.class);
        Matcher matcher = HEADER.matcher(message);
        Section current = null;
        int bodyStart = 0;
        while (matcher.find()) {
            if (current != null) {
                sections.putIfAbsent(current, message.substring(bodyStart, matcher.start()).strip());
            }
            current = Section.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
            bodyStart = matcher.end();
        }
        if (current != null) {
            sections.putIfAbsent(current, message.substring(bodyStart).strip());
        }
        if (!sections.containsKey(Section.REFERENCE) || !sections.containsKey(Section.CANDIDATE)) {
            return Optional.empty();
        }
        return Optional.of(new JudgePrompt(sections.getOrDefault(Section.QUESTION, ""),
                sections.get(Section.REFERENCE), sections.get(Section.CANDIDATE),
                sections.getOrDefault(Section.RUBRIC, "")));
    }
}
