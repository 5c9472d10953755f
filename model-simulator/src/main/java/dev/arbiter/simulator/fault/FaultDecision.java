package dev.arbiter.simulator.fault;

/** What happens to one request: answered or failed after {@code delayMillis}, or held (hang). */
public record FaultDecision(Outcome outcome, long delayMillis, int errorStatus) {

    public enum Outcome { ANSWER, FAIL, HANG }

    static FaultDecision answer(long delayMillis) {
        return new FaultDecision(Outcome.ANSWER, delayMillis, 0);
    }

    static FaultDecision fail(long delayMillis, int status) {
        return new FaultDecision(Outcome.FAIL, delayMillis, status);
    }

    static FaultDecision hang() {
        return new FaultDecision(Outcome.HANG, 0, 0);
    }
}
