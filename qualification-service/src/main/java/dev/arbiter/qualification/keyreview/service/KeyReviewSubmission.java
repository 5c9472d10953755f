package dev.arbiter.qualification.keyreview.service;

/** A reviewer's verdict on a question's answer key (after their blind answer, which is stored apart). */
public record KeyReviewSubmission(boolean referenceCorrect, boolean unambiguous, boolean expertLevel, String comment) {
}
