package dev.arbiter.testsupport.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run sent and what went wrong.
 *
 * @param service      the document's title
 * @param operations   operations fuzzed
 * @param requests     requests sent
 * @param perOperation requests per operation
 * @param failures     each offending request with its answer
 * @param excluded     operations left out, with why
 * @param bookkeeping  tables left out of the comparison, with why
 * @param took         wall-clock time of the run
 */
public record FuzzReport(String service, int operations, int requests, Map<String, Integer> perOperation,
                         List<String> failures, Map<String, String> excluded, Map<String, String> bookkeeping,
                         Duration took) {

    public String summary() {
        return "OpenApiFuzzer: " + service + ": " + operations + " operations, " + requests + " requests, "
                + failures.size() + " failures, " + took.toMillis() + " ms"
                + (excluded.isEmpty() ? "" : ", excluded " + excluded)
                + (bookkeeping.isEmpty() ? "" : ", tables not compared " + bookkeeping.keySet());
    }

    /** The failures, at most {@code limit} of them, then how many of each operation were left off. */
    public String failureList(int limit) {
        StringBuilder out = new StringBuilder("Answers that break the contract (" + failures.size() + "):\n");
        failures.stream().limit(limit).forEach(f -> out.append("  ").append(f).append('\n'));
        if (failures.size() > limit) {
            Map<String, Integer> rest = new TreeMap<>();
            failures.stream().skip(limit).forEach(f -> rest.merge(f.substring(0, f.indexOf(" as ")), 1, Integer::sum));
            out.append("  … and ").append(failures.size() - limit).append(" more: ").append(rest).append('\n');
        }
        return out.toString();
    }
}
