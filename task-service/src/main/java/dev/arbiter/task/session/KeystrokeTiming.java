package dev.arbiter.task.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.KeyTiming;
import dev.arbiter.task.session.model.SessionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Raw keystroke timing is kept only for a retention, the rest of the log for good. So a batch is stored
 * in two parts: its events with every {@code key} event's {@code intervalsMs} replaced by a
 * {@link KeyTiming} summary (hashed into the chain as always), and the raw intervals apart, as
 * {@code [[ms, ms, …], …]}, one list per key event in the batch's order (hashed on their own, and only that
 * hash enters the batch hash: see {@link BatchChain}). Dropping the raw part later leaves every hash
 * verifiable. Readers get the raw intervals merged back while they are kept.
 */
public final class KeystrokeTiming {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<Integer>>> INTERVALS = new TypeReference<>() {
    };

    private KeystrokeTiming() {
    }

    /** A batch's events to store for good, and its raw intervals' canonical JSON (null: no key event). */
    public record Split(List<SessionEvent> events, byte[] timingJson) {
    }

    public static Split split(List<SessionEvent> events) {
        List<SessionEvent> reduced = new ArrayList<>(events.size());
        List<List<Integer>> raw = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.type() == EventType.KEY && e.intervalsMs() != null) {
                raw.add(e.intervalsMs());
                reduced.add(e.withTiming(null, summarise(e.intervalsMs())));
            } else {
                reduced.add(e);
            }
        }
        return new Split(reduced, raw.isEmpty() ? null : json(raw));
    }

    /**
     * The events with their raw intervals back in the key events, when the raw part is still kept and fits
     * (one list per summarised key event); otherwise the events as they are (what retention leaves, or a log
     * changed behind the service's back, which verification names).
     */
    public static List<SessionEvent> merge(List<SessionEvent> stored, byte[] timingJson) {
        if (timingJson == null) {
            return stored;
        }
        List<List<Integer>> raw;
        try {
            raw = JSON.readValue(timingJson, INTERVALS);
        } catch (IOException | IllegalArgumentException e) {
            return stored;
        }
        long keyEvents = stored.stream().filter(e -> e.type() == EventType.KEY && e.timing() != null).count();
        if (raw == null || raw.size() != keyEvents || raw.contains(null)) {
            return stored;
        }
        List<SessionEvent> merged = new ArrayList<>(stored.size());
        int next = 0;
        for (SessionEvent e : stored) {
            merged.add(e.type() == EventType.KEY && e.timing() != null ? e.withTiming(raw.get(next++), e.timing()) : e);
        }
        return merged;
    }

    /** Count, mean, population standard deviation and median of intervals, to a tenth of a millisecond. */
    public static KeyTiming summarise(List<Integer> intervals) {
        int n = intervals.size();
        if (n == 0) {
            return new KeyTiming(0, null, null, null);
        }
        double sum = 0;
        for (int ms : intervals) {
            sum += ms;
        }
        double mean = sum / n;
        double squares = 0;
        for (int ms : intervals) {
            squares += (ms - mean) * (ms - mean);
        }
        int[] sorted = intervals.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new KeyTiming(n, tenth(mean), tenth(Math.sqrt(squares / n)), tenth(median));
    }

    private static double tenth(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static byte[] json(List<List<Integer>> raw) {
        try {
            return JSON.writeValueAsBytes(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of integers always encode", e);
        }
    }
}
