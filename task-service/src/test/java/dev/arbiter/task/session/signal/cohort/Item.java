package dev.arbiter.task.session.signal.cohort;

import java.util.List;
import java.util.Map;

/**
 * One item of the cohort: the prompt and two responses as the workbench shows them, their word counts,
 * and what other (honest) experts wrote on it, for the near-copy signal.
 */
record Item(Map<String, String> texts, Map<String, Integer> wordCounts, List<String> peerRationales) {

    int words(String label) {
        return wordCounts.getOrDefault(label, 0);
    }

    String response(String label) {
        return texts.get(label);
    }
}
