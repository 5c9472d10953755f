package dev.arbiter.task.judgment.model;

/** How much a critiqued problem hurts the response. */
public enum Severity {
    MINOR, MAJOR, CRITICAL
}
