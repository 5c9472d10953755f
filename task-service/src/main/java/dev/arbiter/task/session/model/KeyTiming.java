package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a {@code key} event keeps of its raw intervals for good: how many, their mean, standard deviation
 * (population) and median, in milliseconds to a tenth. The raw intervals are kept beside the batch for the
 * retention ({@code arbiter.sessions.keystroke-retention}) and then dropped; these stay in the hashed log.
 * Without intervals only {@code n} (0) is written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"n", "meanMs", "sdMs", "medianMs"})
public record KeyTiming(int n, Double meanMs, Double sdMs, Double medianMs) {
}
