package dev.arbiter.qualification.grading;

import java.math.BigDecimal;
import java.util.List;

/** What a model's answer is graded against. */
public record ReferenceKey(String prompt, AnswerType type, String reference, List<String> options,
                           BigDecimal tolerance, String rubric) {

    public ReferenceKey {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
