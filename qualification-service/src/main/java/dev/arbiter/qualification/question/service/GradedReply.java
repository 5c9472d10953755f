package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.grading.Grade;
import dev.arbiter.qualification.panel.ModelReply;

/** A panel model's reply and its grade. */
public record GradedReply(ModelReply reply, Grade grade) {
}
