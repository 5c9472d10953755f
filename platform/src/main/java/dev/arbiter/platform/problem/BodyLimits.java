package dev.arbiter.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How large a request body may be on a path: a pure function of the configuration.
 * <ol>
 * <li>the first per-endpoint rule whose pattern matches ({@code /api/tasks/*}{@code /judgment=8M}: whole
 * segments, {@code *} is any one segment) gives its size;</li>
 * <li>otherwise a path under a streaming prefix has no limit here: its consumer bounds it (task-service's
 * item upload counts its bytes; the gateway forwards to the owner, which bounds it);</li>
 * <li>otherwise the service's JSON limit ({@code arbiter.http.max-json-body}).</li>
 * </ol>
 */
public final class BodyLimits {

    /** One per-endpoint rule: a path pattern and its size in bytes. */
    public record Rule(String pattern, long maxBytes) {

        /**
         * Reads {@code /api/tasks/*}{@code /judgment=8M}: the size in bytes, or with a {@code K}, {@code M} or
         * {@code G} suffix (powers of 1024).
         */
        public static Rule parse(String entry) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || !entry.startsWith("/")) {
                throw new IllegalArgumentException("A body limit is PATH=SIZE, e.g. /api/tasks/*/judgment=8M; got " + entry);
            }
            return new Rule(entry.substring(0, eq).strip(), size(entry.substring(eq + 1).strip()));
        }

        boolean matches(String path) {
            return BodyLimits.matches(pattern, path);
        }
    }

    /** Whether {@code path} matches {@code pattern} segment by segment, {@code *} standing for any one segment. */
    public static boolean matches(String pattern, String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("*") ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private final long defaultMax;
    private final List<String> streamingPrefixes;
    private final List<Rule> rules;

    public BodyLimits(long defaultMax, List<String> streamingPrefixes, List<Rule> rules) {
        this.defaultMax = defaultMax;
        this.streamingPrefixes = List.copyOf(streamingPrefixes);
        this.rules = List.copyOf(rules);
    }

    /** From configuration entries as written ({@code PATH=SIZE}). */
    public static BodyLimits of(long defaultMax, List<String> streamingPrefixes, List<String> entries) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                rules.add(Rule.parse(entry.strip()));
            }
        }
        return new BodyLimits(defaultMax, streamingPrefixes, rules);
    }

    /** The most bytes a body on {@code path} may have, or empty when the path streams and its consumer bounds it. */
    public OptionalLong limitFor(String path) {
        for (Rule rule : rules) {
            if (rule.matches(path)) {
                return OptionalLong.of(rule.maxBytes());
            }
        }
        if (streamingPrefixes.stream().anyMatch(path::startsWith)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(defaultMax);
    }

    static long size(String text) {
        String s = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            unit = switch (s.charAt(s.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A body size is a whole number of bytes, or with K, M or G; got " + text);
        }
    }
}
