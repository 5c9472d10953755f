package dev.arbiter.task.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.session.model.EventBatch;
import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks a batch the workbench sent, field by field, against the contract's event table: every problem
 * is named by its JSON path ({@code events[3].type}) with what is allowed, in the platform's one
 * validation shape, and a batch with any problem is refused whole. Fields the contract does not list
 * are refused too, so nothing beyond what experts are told is recorded (never which keys were pressed)
 * can be stored. A pure function of its inputs.
 */
public final class EventBatchValidator {

    /** Two days: no session counts longer, so no honest {@code t} is larger. */
    public static final long MAX_T_MILLIS = 172_800_000L;
    public static final int MAX_KEY_COUNT = 10_000;
    public static final int MAX_INTERVALS = 1_000;
    public static final int MAX_INTERVAL_MILLIS = 3_600_000;
    /** Past this many problems the rest are summed up in one line: a broken 500-event batch needs no 5,000-line answer. */
    static final int MAX_VIOLATIONS = 100;
    private static final Set<String> BATCH_FIELDS = Set.of("seq", "events");

    /** The bounds of a batch, from configuration. */
    public record Limits(int maxEvents, int maxBatches, int maxTextChars, int maxCopyLength) {
    }

    /** The batch, or the problems that refuse it. */
    public record Result(EventBatch batch, List<Violation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final Limits limits;
    private final WorkbenchFields fields;
    private final List<Violation> violations = new ArrayList<>();
    private int unlisted;

    private EventBatchValidator(Limits limits, WorkbenchFields fields) {
        this.limits = limits;
        this.fields = fields;
    }

    public static Result check(JsonNode body, Limits limits, WorkbenchFields fields) {
        EventBatchValidator v = new EventBatchValidator(limits, fields);
        EventBatch batch = v.batch(body);
        if (v.unlisted > 0) {
            v.violations.add(new Violation("events", "has " + v.unlisted + " more problems like those above"));
        }
        return v.violations.isEmpty() ? new Result(batch, List.of()) : new Result(null, List.copyOf(v.violations));
    }

    private EventBatch batch(JsonNode body) {
        if (body == null || !body.isObject()) {
            fail("body", "must be a JSON object {seq, events: [...]}");
            return null;
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!BATCH_FIELDS.contains(name)) {
                fail(name, "is not a field of a batch; its fields are seq and events");
            }
        });
        Integer seq = whole(null, "seq", body.get("seq"), 0, limits.maxBatches() - 1, true,
                ": the batch's number in its session, 0, 1, 2…");
        JsonNode events = body.get("events");
        if (events == null || !events.isArray()) {
            fail("events", "is required: an array of at most " + limits.maxEvents() + " events");
            return null;
        }
        if (events.size() > limits.maxEvents()) {
            fail("events", "must hold at most " + limits.maxEvents() + " events; this batch has " + events.size());
            return null;
        }
        List<SessionEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(event("events[" + i + "]", events.get(i)));
        }
        return seq == null ? null : new EventBatch(seq, out);
    }

    private SessionEvent event(String at, JsonNode n) {
        if (!n.isObject()) {
            fail(at, "must be an object {t, type, …}");
            return null;
        }
        Integer t = whole(at, "t", n.get("t"), 0, MAX_T_MILLIS, true, " milliseconds since the session opened");
        JsonNode typeNode = n.get("type");
        EventType type = typeNode != null && typeNode.isTextual() ? EventType.ofWire(typeNode.asText()).orElse(null) : null;
        if (type == null) {
            fail(at + ".type", "must be one of " + String.join(", ", EventType.wireNames()));
            return null;
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("t") && !name.equals("type") && !type.fields().contains(name)) {
                fail(at + "." + name, type.fields().isEmpty()
                        ? "is not recorded: a " + type.wire() + " event has only t and type"
                        : "is not a field of a " + type.wire() + " event; its fields are " + String.join(", ", type.fields()));
            }
        }
        return switch (type) {
            case FOCUS, BLUR, IDLE, ACTIVE, SUBMIT -> t == null ? null : SessionEvent.bare(t, type);
            case VIEW -> view(at, n, t);
            case INPUT -> input(at, n, t);
            case KEY -> key(at, n, t);
            case PASTE -> paste(at, n, t);
            case COPY -> copy(at, n, t);
        };
    }

    private SessionEvent view(String at, JsonNode n, Integer t) {
        String label = label(at, "label", n.get("label"), true);
        Double from = fraction(at, "from", n.get("from"));
        Double to = fraction(at, "to", n.get("to"));
        if (from != null && to != null && to < from) {
            fail(at + ".to", "must not be below from (" + from + ")");
        }
        return t == null || label == null || from == null || to == null || to < from ? null
                : SessionEvent.view(t, label, from, to);
    }

    private SessionEvent input(String at, JsonNode n, Integer t) {
        String field = field(at, "field", n.get("field"));
        Integer pos = whole(at, "pos", n.get("pos"), 0, limits.maxTextChars(), true, ": a character position");
        Integer del = whole(at, "del", n.get("del"), 0, limits.maxTextChars(), true, ": characters removed");
        String ins = text(at, "ins", n.get("ins"), 0);
        return t == null || field == null || pos == null || del == null || ins == null ? null
                : SessionEvent.input(t, field, pos, del, ins);
    }

    private SessionEvent key(String at, JsonNode n, Integer t) {
        String field = field(at, "field", n.get("field"));
        Integer count = whole(at, "count", n.get("count"), 1, MAX_KEY_COUNT, true, ": keystrokes since the last key event");
        List<Integer> intervals = intervals(at + ".intervalsMs", n.get("intervalsMs"), count);
        return t == null || field == null || count == null || intervals == null ? null
                : SessionEvent.key(t, field, count, intervals);
    }

    private SessionEvent paste(String at, JsonNode n, Integer t) {
        String field = field(at, "field", n.get("field"));
        Integer pos = whole(at, "pos", n.get("pos"), 0, limits.maxTextChars(), true, ": a character position");
        String text = text(at, "text", n.get("text"), 1);
        PasteSource source = source(at, "source", n.get("source"));
        return t == null || field == null || pos == null || text == null || source == null ? null
                : SessionEvent.paste(t, field, pos, text, source);
    }

    private SessionEvent copy(String at, JsonNode n, Integer t) {
        String label = label(at, "label", n.get("label"), false);
        boolean labelOk = n.get("label") == null || n.get("label").isNull() || label != null;
        Integer length = whole(at, "length", n.get("length"), 0, limits.maxCopyLength(), true, ": characters copied");
        return t == null || !labelOk || length == null ? null : SessionEvent.copy(t, label, length);
    }

    // An event's member is named "at.name" only when it is wrong: a valid batch builds no path strings.

    private String label(String at, String name, JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                fail(at, name, "is required: a response label, A to F");
            }
            return null;
        }
        if (!v.isTextual() || !isLabel(v.textValue())) {
            fail(at, name, "must be a response label, A to F");
            return null;
        }
        return v.textValue();
    }

    private static boolean isLabel(String s) {
        return s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'F';
    }

    private Double fraction(String at, String name, JsonNode v) {
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            fail(at, name, "must be a number from 0 to 1: a fraction of the response's length");
            return null;
        }
        return v.asDouble();
    }

    private String field(String at, String name, JsonNode v) {
        if (v == null || !v.isTextual() || !fields.allows(v.textValue())) {
            fail(at, name, "must be one of " + fields.describe());
            return null;
        }
        return v.textValue();
    }

    private String text(String at, String name, JsonNode v, int minChars) {
        if (v == null || !v.isTextual() || v.textValue().length() < minChars || v.textValue().length() > limits.maxTextChars()) {
            fail(at, name, "must be text of " + minChars + " to " + limits.maxTextChars() + " characters");
            return null;
        }
        return v.textValue();
    }

    private PasteSource source(String at, String name, JsonNode v) {
        PasteSource source = v != null && v.isTextual() ? PasteSource.ofWire(v.textValue()).orElse(null) : null;
        if (source == null) {
            fail(at, name, "must be one of " + String.join(", ", PasteSource.wireNames()));
        }
        return source;
    }

    private List<Integer> intervals(String at, JsonNode v, Integer count) {
        int max = Math.min(MAX_INTERVALS, count == null ? MAX_INTERVALS : count);
        if (v == null || !v.isArray() || v.size() > max) {
            fail(at, "must be an array of at most " + max + " intervals (no more than count, at most " + MAX_INTERVALS + ")");
            return null;
        }
        List<Integer> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            Integer ms = whole(at, i, v.get(i), 0, MAX_INTERVAL_MILLIS, true, " milliseconds between keystrokes");
            if (ms == null) {
                return null;
            }
            out.add(ms);
        }
        return out;
    }

    /**
     * A whole number within bounds, or null (with a violation when it is wrong or required and missing); named
     * {@code at.name} ({@code name} alone when {@code at} is null).
     */
    private Integer whole(String at, String name, JsonNode v, long min, long max, boolean required, String meaning) {
        if (v == null || v.isNull()) {
            if (required) {
                fail(at, name, "is required: a whole number from " + min + " to " + max + meaning);
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            fail(at, name, "must be a whole number from " + min + " to " + max + meaning);
            return null;
        }
        return (int) v.asLong();
    }

    /** An array element's whole number, named {@code at[index]}. */
    private Integer whole(String at, int index, JsonNode v, long min, long max, boolean required, String meaning) {
        if (v != null && v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= min && v.asLong() <= max) {
            return (int) v.asLong();
        }
        return whole(null, at + "[" + index + "]", v, min, max, required, meaning);
    }

    private void fail(String at, String name, String message) {
        fail(at == null ? name : at + "." + name, message);
    }

    private void fail(String field, String message) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(new Violation(field, message));
        } else {
            unlisted++;
        }
    }
}
