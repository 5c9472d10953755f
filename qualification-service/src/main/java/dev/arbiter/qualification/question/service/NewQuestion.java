package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.grading.AnswerType;
import java.math.BigDecimal;
import java.util.List;

/** A question as its author submits it, before its answer key is checked and it is stored. */
public record NewQuestion(String domain, String prompt, AnswerType answerType, String referenceAnswer,
                          List<String> options, BigDecimal tolerance, String rubric, String rationale) {
}
