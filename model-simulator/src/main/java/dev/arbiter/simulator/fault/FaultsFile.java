package dev.arbiter.simulator.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.simulator.Faults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the faults file: a JSON object from model name to its faults, e.g.
 * {@code {"sim-cirrus": {"latencyMinMs": 100, "latencyMaxMs": 400, "errorRate": 0.3, "errorStatus": 429}}}.
 * Unknown keys are rejected so that a typo does not silently disable a fault.
 */
public final class FaultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS =
            Set.of("latencyMs", "latencyMinMs", "latencyMaxMs", "errorRate", "errorStatus", "hang", "failFirst");

    private FaultsFile() {
    }

    public static Map<String, Faults> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Map<String, Faults> read(InputStream in, String name) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a JSON object of model name to faults");
        }
        Map<String, Faults> faults = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                faults.put(entry.getKey(), parse(entry.getValue()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": model '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        }
        return faults;
    }

    static Faults parse(JsonNode spec) {
        if (!spec.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        spec.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "', expected one of " + KEYS);
            }
        });
        if (spec.has("latencyMs") && (spec.has("latencyMinMs") || spec.has("latencyMaxMs"))) {
            throw new IllegalArgumentException("give either latencyMs or latencyMinMs/latencyMaxMs, not both");
        }
        long min = spec.has("latencyMs") ? number(spec, "latencyMs") : number(spec, "latencyMinMs");
        long max = spec.has("latencyMs") ? min : spec.has("latencyMaxMs") ? number(spec, "latencyMaxMs") : min;
        double errorRate = spec.has("errorRate") ? decimal(spec, "errorRate") : 0.0;
        int errorStatus = spec.has("errorStatus") ? (int) number(spec, "errorStatus") : Faults.DEFAULT_ERROR_STATUS;
        int failFirst = spec.has("failFirst") ? (int) number(spec, "failFirst") : 0;
        boolean hang = spec.has("hang") && bool(spec, "hang");
        return new Faults(min, max, errorRate, errorStatus, hang, failFirst);
    }

    private static long number(JsonNode spec, String key) {
        JsonNode value = spec.get(key);
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number");
        }
        return value.longValue();
    }

    private static double decimal(JsonNode spec, String key) {
        JsonNode value = spec.get(key);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return value.doubleValue();
    }

    private static boolean bool(JsonNode spec, String key) {
        JsonNode value = spec.get(key);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return value.booleanValue();
    }
}
