package dev.arbiter.bench.sessions;

import java.util.Locale;

/**
 * Batches as the workbench would send them while an expert writes: per batch about 20 events — what
 * is on screen, two keystroke-timing events, 16 one-character edits of a rationale as it grows, and
 * now and then a focus change or a quote pasted from a response. JSON in the contract's field order
 * with no spaces, the way task-service stores it, so the bytes sent are the bytes stored.
 */
public final class WorkbenchBatches {

    private static final String[] FIELDS = {"rationale.accuracy", "overall", "critique.0.comment"};
    private static final String QUOTE = "the recommended dose is 10 mg per kilogram";

    private WorkbenchBatches() {
    }

    /** The events of batch {@code seq} as a JSON array, the first event at {@code t} ms, 100 ms apart. */
    static String events(int seq, long t) {
        String field = FIELDS[seq % FIELDS.length];
        int pos = (seq / FIELDS.length) * 16;
        StringBuilder b = new StringBuilder(1800).append('[');
        double from = (seq % 10) / 10.0;
        b.append(String.format(Locale.ROOT, "{\"t\":%d,\"type\":\"view\",\"label\":\"%s\",\"from\":%s,\"to\":%s}", t,
                seq % 2 == 0 ? "A" : "B", from, from + 0.1));
        for (int k = 0; k < 2; k++) {
            b.append(",{\"t\":").append(t + 50 + k * 900).append(",\"type\":\"key\",\"field\":\"").append(field)
                    .append("\",\"count\":8,\"intervalsMs\":[112,98,143,87,120,205,99,131]}");
        }
        for (int k = 0; k < 16; k++) {
            b.append(",{\"t\":").append(t + 100 + k * 100).append(",\"type\":\"input\",\"field\":\"").append(field)
                    .append("\",\"pos\":").append(pos + k).append(",\"del\":0,\"ins\":\"").append((char) ('a' + (seq + k) % 26))
                    .append("\"}");
        }
        if (seq % 10 == 9) {
            b.append(",{\"t\":").append(t + 1800).append(",\"type\":\"paste\",\"field\":\"").append(field)
                    .append("\",\"pos\":").append(pos + 16).append(",\"text\":\"").append(QUOTE)
                    .append("\",\"source\":\"internal\"}");
        } else if (seq % 10 == 4) {
            b.append(",{\"t\":").append(t + 1800).append(",\"type\":\"blur\"}");
        } else {
            b.append(",{\"t\":").append(t + 1800).append(",\"type\":\"focus\"}");
        }
        return b.append(']').toString();
    }

    static int eventsPerBatch() {
        return 20;
    }

    public static String batch(int seq, long t) {
        return "{\"seq\":" + seq + ",\"events\":" + events(seq, t) + "}";
    }
}
