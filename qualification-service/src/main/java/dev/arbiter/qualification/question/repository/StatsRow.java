package dev.arbiter.qualification.question.repository;

/** One model's record in one domain, over the latest evaluation round of every question. */
public record StatsRow(String model, String domain, Long questionsSeen, Long answered, Long failures) {
}
