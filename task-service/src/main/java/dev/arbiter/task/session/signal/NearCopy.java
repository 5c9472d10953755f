package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code near_copy} (identity and content): a final text nearly identical to another expert's text on
 * the same item: the Jaccard similarity of their sets of three-word shingles (lower case, punctuation
 * aside) is at least {@code nearCopySimilarity}. Shingles that occur in the responses or the prompt are
 * left out of both sides first: two experts quoting the same passage agree on the evidence, not on the
 * words they wrote themselves. Texts shorter than {@code nearCopyMinWords} words (or left with fewer
 * shingles than that once quotes are out) are not compared: "A is correct." is not a copy.
 *
 * <p>The value is the highest similarity found; every pair at or above the threshold points at the
 * other expert's session.
 */
public final class NearCopy {

    public static final String NAME = "near_copy";
    static final int SHINGLE = 3;

    private NearCopy() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        List<PeerText> peers = new ArrayList<>();
        if (evidence.peerTexts() != null) {
            for (PeerText p : evidence.peerTexts()) {
                if (p.text() != null && (p.expertId() == null || !p.expertId().equals(evidence.expertId()))) {
                    peers.add(p);
                }
            }
        }
        Map<String, String> own = FinalTexts.of(evidence);
        int minShingles = Math.max(1, thresholds.nearCopyMinWords() - SHINGLE + 1);
        double best = 0;
        int compared = 0;
        EvidenceList points = new EvidenceList();
        if (!peers.isEmpty() && !own.isEmpty()) {
            List<Set<Long>> peerSets = new ArrayList<>(peers.size());
            Set<Long> candidates = new HashSet<>();
            for (PeerText p : peers) {
                Set<Long> set = shingles(p.text());
                peerSets.add(set);
                candidates.addAll(set);
            }
            Map<String, Set<Long>> ownSets = new java.util.LinkedHashMap<>();
            own.forEach((f, text) -> ownSets.put(f, shingles(text)));
            ownSets.values().forEach(candidates::addAll);
            // only the shingles of these texts need looking up in the responses: one pass over them, no set of their own
            Set<Long> quoted = new HashSet<>();
            if (evidence.responses() != null) {
                evidence.responses().values().forEach(r -> shingles(r, h -> {
                    if (candidates.contains(h)) {
                        quoted.add(h);
                    }
                }));
            }
            for (int i = 0; i < peerSets.size(); i++) {
                peerSets.set(i, comparable(peerSets.get(i), quoted, minShingles));
            }
            for (Map.Entry<String, Set<Long>> field : ownSets.entrySet()) {
                Set<Long> mine = comparable(field.getValue(), quoted, minShingles);
                if (mine == null) {
                    continue;
                }
                for (int i = 0; i < peers.size(); i++) {
                    Set<Long> theirs = peerSets.get(i);
                    if (theirs == null) {
                        continue;
                    }
                    compared++;
                    double similarity = jaccard(mine, theirs);
                    best = Math.max(best, similarity);
                    if (similarity >= thresholds.nearCopySimilarity()) {
                        PeerText p = peers.get(i);
                        points.session(String.valueOf(p.sessionId()), String.format("%s is %.0f%% alike their %s",
                                field.getKey(), similarity * 100, p.field()));
                    }
                }
            }
        }
        boolean fired = best >= thresholds.nearCopySimilarity();
        String summary = String.format("highest similarity %.2f with another expert's text on this item (%d pairs compared)",
                best, compared);
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, best, thresholds.nearCopySimilarity(), Signal.Direction.AT_LEAST,
                fired, summary, points.list());
    }

    /** The text's shingles without the quoted ones, or null when too short to compare. */
    private static Set<Long> comparable(Set<Long> s, Set<Long> quoted, int minShingles) {
        s.removeAll(quoted);
        return s.size() >= minShingles ? s : null;
    }

    static double jaccard(Set<Long> a, Set<Long> b) {
        Set<Long> small = a.size() <= b.size() ? a : b;
        Set<Long> large = small == a ? b : a;
        int common = 0;
        for (Long s : small) {
            if (large.contains(s)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }

    /** Three-word shingles as 64-bit hashes (lower-cased words of letters and digits). */
    static Set<Long> shingles(String text) {
        Set<Long> out = new HashSet<>();
        shingles(text, out::add);
        return out;
    }

    /**
     * Each three-word shingle's hash to {@code sink}, without allocating per word: a word's hash is that of
     * its lower-cased characters, so long responses cost one pass.
     */
    static void shingles(String text, java.util.function.LongConsumer sink) {
        if (text == null) {
            return;
        }
        long[] window = new long[SHINGLE];
        int seen = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            int word = 0;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                word = 31 * word + Character.toLowerCase(text.charAt(i));
                i++;
            }
            if (i > start) {
                window[seen % SHINGLE] = word;
                seen++;
                if (seen >= SHINGLE) {
                    long h = 0;
                    for (int k = seen - SHINGLE; k < seen; k++) {
                        h = h * 0x9E3779B97F4A7C15L + window[k % SHINGLE] + 0x7F4A7C15L;
                    }
                    sink.accept(h);
                }
            }
        }
    }
}
