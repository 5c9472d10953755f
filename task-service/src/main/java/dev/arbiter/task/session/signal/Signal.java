package dev.arbiter.task.session.signal;

import java.util.List;

/**
 * One signal computed from a session: its {@code value}, the {@code threshold} it is compared with
 * (configurable), whether it {@code fired}, and the evidence it points at, so that a person can check it
 * in the timeline instead of trusting a number. {@code direction} says which side of the threshold fires.
 */
public record Signal(String name, SignalFamily family, double value, double threshold, Direction direction, boolean fired,
                     String summary, List<Evidence> evidence) {

    public enum Direction {
        /** fires when the value is at or above the threshold */
        AT_LEAST,
        /** fires when the value is at or below the threshold */
        AT_MOST
    }

    /**
     * What a signal points at: an event of this session ({@code seq} of its batch and {@code t}, with its
     * {@code field} when it has one), or another session ({@code sessionId}) for the cross-session signals.
     */
    public record Evidence(Integer seq, Long t, String field, String sessionId, String note) {

        public static Evidence event(int seq, long t, String field, String note) {
            return new Evidence(seq, t, field, null, note);
        }

        public static Evidence session(String sessionId, String note) {
            return new Evidence(null, null, null, sessionId, note);
        }
    }
}
