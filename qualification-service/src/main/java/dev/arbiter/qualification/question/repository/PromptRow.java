package dev.arbiter.qualification.question.repository;

import java.util.UUID;

/** An earlier question's prompt and author, for near-duplicate checks. */
public record PromptRow(UUID id, UUID authorId, String prompt) {
}
