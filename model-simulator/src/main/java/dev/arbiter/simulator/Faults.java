package dev.arbiter.simulator;

/**
 * What goes wrong, on purpose, when one simulated model is called.
 *
 * <p>Latency is drawn uniformly from {@code [latencyMinMs, latencyMaxMs]} (equal bounds = fixed).
 * {@code errorStatus} (500 or 429, say) is what both {@code failFirst} and {@code errorRate}
 * answer with. {@code failFirst = N} makes the first N requests after these faults were set fail,
 * deterministically; then each request fails with probability {@code errorRate} (seeded).
 * {@code hang} holds every request without an answer until the simulator's hang timeout or
 * {@link ModelSimulator#close()}.
 */
public record Faults(long latencyMinMs, long latencyMaxMs, double errorRate, int errorStatus,
                     boolean hang, int failFirst) {

    public static final int DEFAULT_ERROR_STATUS = 500;

    private static final Faults NONE = new Faults(0, 0, 0.0, DEFAULT_ERROR_STATUS, false, 0);

    public Faults {
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw new IllegalArgumentException(
                    "latency must satisfy 0 <= min <= max, got " + latencyMinMs + ".." + latencyMaxMs);
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within [0, 1], got " + errorRate);
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be a 4xx or 5xx code, got " + errorStatus);
        }
        if (failFirst < 0) {
            throw new IllegalArgumentException("failFirst must be >= 0, got " + failFirst);
        }
    }

    /** A healthy model: answers at once, never fails. */
    public static Faults none() {
        return NONE;
    }

    public static Faults latency(long millis) {
        return NONE.withLatency(millis);
    }

    public static Faults latency(long minMillis, long maxMillis) {
        return NONE.withLatency(minMillis, maxMillis);
    }

    public static Faults errorRate(double rate, int status) {
        return NONE.withErrorRate(rate, status);
    }

    public static Faults failFirst(int requests, int status) {
        return NONE.withFailFirst(requests, status);
    }

    public static Faults hanging() {
        return NONE.withHang(true);
    }

    public Faults withLatency(long millis) {
        return withLatency(millis, millis);
    }

    public Faults withLatency(long minMillis, long maxMillis) {
        return new Faults(minMillis, maxMillis, errorRate, errorStatus, hang, failFirst);
    }

    public Faults withErrorRate(double rate, int status) {
        return new Faults(latencyMinMs, latencyMaxMs, rate, status, hang, failFirst);
    }

    public Faults withFailFirst(int requests, int status) {
        return new Faults(latencyMinMs, latencyMaxMs, errorRate, status, hang, requests);
    }

    public Faults withHang(boolean hangs) {
        return new Faults(latencyMinMs, latencyMaxMs, errorRate, errorStatus, hangs, failFirst);
    }
}
