package dev.arbiter.bench.common;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value}, {@code --key=value} and bare {@code --flag} options. Every lookup names its
 * default, so the defaults live beside the code that uses them; {@link #unused()} reports typos.
 */
public final class BenchOptions {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    private BenchOptions() {
    }

    public static BenchOptions parse(String[] args) {
        BenchOptions options = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Not an option: " + arg);
            }
            String key = arg.substring(2);
            String value = "true";
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            options.values.put(key, value);
        }
        return options;
    }

    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        read.add(key);
        return values.getOrDefault(key, defaultValue);
    }

    public int integer(String key, int defaultValue) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " wants a whole number, not " + value);
        }
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key, "false"));
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    public Duration duration(String key, Duration defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : parseDuration(key, value.trim());
    }

    /** Options given on the command line that nothing asked for (usually typos). */
    public Set<String> unused() {
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(read);
        return unused;
    }

    static Duration parseDuration(String key, String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " wants a duration such as 20s, 500ms or 2m, not " + value);
        }
    }
}
