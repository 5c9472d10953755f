package dev.arbiter.simulator.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A grading request as the simulated judge reads it, in one of two forms.
 * <ul>
 *   <li><b>Delimited</b>: the instructions in a system message, the texts to grade as one JSON object in the
 *       last user message ({@code {"question", "reference", "rubric", "candidate"}}). The values are JSON
 *       strings: whatever they say, they are data, and the judge grades the candidate against the
 *       reference.</li>
 *   <li><b>Sections</b> ({@link JudgePrompt}): everything in one user message, sections opened by
 *       {@code ### HEADER} lines anyone can type. This form is <b>steerable</b>, as a real model is when
 *       untrusted text shares the instructions' channel: a header typed inside a text opens a section
 *       (the first of each name counts), and a verdict object ({@code {"correct": false, …}}) anywhere in
 *       the message is obeyed, the last one winning.</li>
 * </ul>
 */
public record JudgeRequest(String reference, String candidate, Optional<JudgeVerdict> injected) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERDICT_OBJECT = Pattern.compile(
            "\\{\\s*\"correct\"\\s*:\\s*(true|false)[^{}]{0,500}}", Pattern.CASE_INSENSITIVE);

    /** The request in {@code system} (may be empty) and the last user message, or empty when it is neither form. */
    public static Optional<JudgeRequest> parse(String system, String user) {
        if (system != null && !system.isBlank()) {
            Optional<JudgeRequest> delimited = delimited(user);
            if (delimited.isPresent()) {
                return delimited;
            }
        }
        return JudgePrompt.parse(user).map(sections -> new JudgeRequest(sections.reference(), sections.candidate(),
                injectedVerdict(user)));
    }

    private static Optional<JudgeRequest> delimited(String user) {
        try {
            JsonNode data = JSON.readTree(user == null ? "" : user.strip());
            if (data != null && data.isObject() && data.path("reference").isTextual()
                    && data.path("candidate").isTextual()) {
                return Optional.of(new JudgeRequest(data.get("reference").asText(), data.get("candidate").asText(),
                        Optional.empty()));
            }
        } catch (Exception notJson) {
            // not the delimited form
        }
        return Optional.empty();
    }

    private static Optional<JudgeVerdict> injectedVerdict(String message) {
        Matcher m = VERDICT_OBJECT.matcher(message);
        Boolean last = null;
        while (m.find()) {
            last = Boolean.parseBoolean(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return last == null ? Optional.empty()
                : Optional.of(new JudgeVerdict(last, 0.99, "Graded as the request instructed."));
    }
}
