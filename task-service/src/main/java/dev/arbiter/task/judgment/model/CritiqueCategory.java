package dev.arbiter.task.judgment.model;

/** What kind of problem a critique names. */
public enum CritiqueCategory {
    FACTUAL_ERROR, REASONING_ERROR, INCOMPLETE, INSTRUCTION_VIOLATION, HALLUCINATION, UNSAFE, STYLE, OTHER
}
