package dev.arbiter.qualification.question.repository;

import java.util.UUID;

/** An earlier question's prompt, for near-duplicate checks. */
public record PromptRow(UUID id, String prompt) {
}
