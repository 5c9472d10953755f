package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.signal.SessionEvidence.OwnText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code self_template} (identity and content): a final text nearly identical to the same expert's own
 * text on a <em>different</em> item, from their recent sessions ({@link SessionEvidence#ownTexts()}). A
 * rationale says why one response beats another on this item; written for another item and fitting this
 * one too, it does not depend on what was read here: the boilerplate of someone grinding through items.
 * People have a style and stock phrases ("Overall I prefer A because…"), but a stock sentence is a small
 * part of a text about the item, so it stays far below the threshold; a template with a word changed
 * here and there does not.
 *
 * <p>Measured as {@link NearCopy} measures copies: Jaccard similarity of three-word shingles, with the
 * shingles that occur in this item's responses or prompt left out of both sides (a phrase quoted from
 * these responses is about this item, wherever else it appears). Texts of fewer than
 * {@code selfTemplateMinWords} words (so counted) are not compared. Texts of the same item (a revision of
 * the same judgment) or of this session are never compared. The value is the highest similarity found;
 * every text at or above the threshold points at the session it was written in.
 */
public final class SelfTemplate {

    public static final String NAME = "self_template";

    private SelfTemplate() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        List<OwnText> others = new ArrayList<>();
        if (evidence.ownTexts() != null) {
            for (OwnText o : evidence.ownTexts()) {
                boolean sameSession = o.sessionId() != null && o.sessionId().equals(evidence.sessionId());
                boolean sameItem = o.itemId() != null && o.itemId().equals(evidence.itemId());
                if (o.text() != null && !o.text().isBlank() && !sameSession && !sameItem) {
                    others.add(o);
                }
            }
        }
        Map<String, String> own = FinalTexts.of(evidence);
        int minShingles = Math.max(1, thresholds.selfTemplateMinWords() - NearCopy.SHINGLE + 1);
        double best = 0;
        int compared = 0;
        Set<Object> items = new HashSet<>();
        EvidenceList points = new EvidenceList();
        if (!others.isEmpty() && !own.isEmpty()) {
            Map<String, Set<Long>> mine = new LinkedHashMap<>();
            own.forEach((f, text) -> mine.put(f, NearCopy.shingles(text)));
            Set<Long> candidates = new HashSet<>();
            mine.values().forEach(candidates::addAll);
            List<Set<Long>> theirs = new ArrayList<>(others.size());
            for (OwnText o : others) {
                theirs.add(NearCopy.shingles(o.text()));
            }
            // only shingles this session wrote can be shared with it: those found in this item's responses are quotes
            Set<Long> quoted = new HashSet<>();
            if (evidence.responses() != null) {
                evidence.responses().values().forEach(r -> NearCopy.shingles(r, h -> {
                    if (candidates.contains(h)) {
                        quoted.add(h);
                    }
                }));
            }
            for (int i = 0; i < theirs.size(); i++) {
                Set<Long> b = theirs.get(i);
                b.removeAll(quoted);
                theirs.set(i, b.size() < minShingles ? null : b);
            }
            for (Map.Entry<String, Set<Long>> field : mine.entrySet()) {
                Set<Long> a = field.getValue();
                a.removeAll(quoted);
                if (a.size() < minShingles) {
                    continue;
                }
                for (int i = 0; i < others.size(); i++) {
                    Set<Long> b = theirs.get(i);
                    if (b == null) {
                        continue;
                    }
                    compared++;
                    double similarity = NearCopy.jaccard(a, b);
                    best = Math.max(best, similarity);
                    if (similarity >= thresholds.selfTemplateSimilarity()) {
                        OwnText o = others.get(i);
                        items.add(o.itemId() == null ? o.sessionId() : o.itemId());
                        points.session(String.valueOf(o.sessionId()), String.format(
                                "%s is %.0f%% alike your %s on another item", field.getKey(), similarity * 100, o.field()));
                    }
                }
            }
        }
        boolean fired = best >= thresholds.selfTemplateSimilarity();
        String summary = String.format("highest similarity %.2f with the expert's own text on another item "
                + "(%d pairs compared%s)", best, compared, fired ? ", alike on " + items.size() + " other item(s)" : "");
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, best, thresholds.selfTemplateSimilarity(),
                Signal.Direction.AT_LEAST, fired, summary, points.list());
    }
}
