package dev.arbiter.qualification.question.repository;

import java.time.Instant;

/** When an expert submitted a question, and what it cost in panel calls. */
public record SubmissionRow(Instant createdAt, int panelCalls) {
}
