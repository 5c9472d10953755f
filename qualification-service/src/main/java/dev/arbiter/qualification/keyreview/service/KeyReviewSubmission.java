package dev.arbiter.qualification.keyreview.service;

/** A reviewer's blind answer to a question and their judgment of its answer key. */
public record KeyReviewSubmission(String blindAnswer, boolean referenceCorrect, boolean unambiguous,
                                  boolean expertLevel, String comment) {
}
