package dev.arbiter.qualification.question.service;

/** Where an expert stands in one domain: valid questions, attempts left, and the qualification if any. */
public record DomainStanding(String domain, long validQuestions, int requiredValid, long attemptsUsed,
                             int maxAttempts, long attemptsLeft, long attemptsWindowDays, boolean qualified,
                             Integer tier, String source) {
}
