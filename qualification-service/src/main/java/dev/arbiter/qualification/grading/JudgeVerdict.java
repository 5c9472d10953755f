package dev.arbiter.qualification.grading;

/** The judge model's structured grade of a free-form answer. */
public record JudgeVerdict(boolean correct, double confidence, String reasoning) {
}
