package dev.arbiter.simulator.judge;

/** The judge's structured answer, sent as the JSON message content. */
public record JudgeVerdict(boolean correct, double confidence, String reasoning) {
}
