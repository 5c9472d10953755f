package dev.arbiter.task.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The workbench's batches and events as JSON bodies, for the tests that post them. */
final class EventJson {

    private EventJson() {
    }

    static Map<String, Object> batch(int seq, List<Map<String, Object>> events) {
        return Map.of("seq", seq, "events", events);
    }

    static Map<String, Object> ev(long t, String type) {
        Map<String, Object> e = new HashMap<>();
        e.put("t", t);
        e.put("type", type);
        return e;
    }

    static Map<String, Object> view(long t, String label, double from, double to) {
        Map<String, Object> e = ev(t, "view");
        e.putAll(Map.of("label", label, "from", from, "to", to));
        return e;
    }

    static Map<String, Object> input(long t, String field, int pos, int del, String ins) {
        Map<String, Object> e = ev(t, "input");
        e.putAll(Map.of("field", field, "pos", pos, "del", del, "ins", ins));
        return e;
    }

    static Map<String, Object> key(long t, String field, int count, List<Integer> intervals) {
        Map<String, Object> e = ev(t, "key");
        e.putAll(Map.of("field", field, "count", count, "intervalsMs", intervals));
        return e;
    }

    static Map<String, Object> paste(long t, String field, int pos, String text, String source) {
        Map<String, Object> e = ev(t, "paste");
        e.putAll(Map.of("field", field, "pos", pos, "text", text, "source", source));
        return e;
    }

    static Map<String, Object> copy(long t, String label, int length) {
        Map<String, Object> e = ev(t, "copy");
        e.putAll(Map.of("label", label, "length", length));
        return e;
    }
}
