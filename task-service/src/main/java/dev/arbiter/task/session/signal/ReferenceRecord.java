package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.SessionEvidence.PastReach;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code reference_record} (identity and content): whether the expert's texts, over their run of items, ever refer
 * to anything past the first screen of a long response. Someone who read a response names what they found
 * throughout it (a dose on page three, a figure in the last table); someone who only glanced at its first screen
 * can only name what stood there. One text may honestly name only what is near the top (a short note, a verdict
 * decided in the first paragraph), so one session says little; across items it does: an expert who reads reaches
 * past the first screen on most long items, while a text that never does, item after item, only knows what a
 * glance could show.
 *
 * <p>From {@link ReferenceReach} (what the text names, where in the responses that first stands) of this session
 * and of the expert's recent claim sessions as their finaliser stored it ({@link SessionEvidence#referenceRecord()}).
 * A session counts only when its longest response has at least {@code referenceMinResponseWords} words (there is
 * something well past a first screen to refer to); it <em>reaches</em> when its deepest reference lies past
 * {@code referenceScreenWords} words (a generous screen: a reference within it may have come from a glance). The
 * value is the share of counted sessions that reach; it fires at or below {@code referenceRecordShare}, judged from
 * {@code referenceRecordMinSessions} counted sessions (this one included when it counts), and only for claim
 * sessions (a revision or a review writes about what it already knows).
 *
 * <p>Content evidence, not attention: it never looks at the events, only at what the texts say about the
 * responses, so a client cannot move it, and it is independent of how long anything stayed on screen. The
 * evidence is the counted sessions that did not reach, the longest responses first, with where their deepest
 * reference lay, so that an admin reads those texts beside their responses.
 */
public final class ReferenceRecord {

    public static final String NAME = "reference_record";

    private ReferenceRecord() {
    }

    /** @param thisSession this session's reach, measured from its texts and responses */
    public static Signal compute(SessionEvidence evidence, ReferenceReach.Reach thisSession, SignalThresholds t) {
        int minWords = t.referenceMinResponseWords();
        int screen = t.referenceScreenWords();
        if (evidence.kind() != SessionKind.CLAIM) {
            return notJudged(t, "not judged for a " + evidence.kind().name().toLowerCase() + " session");
        }
        List<PastReach> counted = new ArrayList<>();
        if (evidence.referenceRecord() != null) {
            for (PastReach p : evidence.referenceRecord()) {
                if (p != null && p.longestResponseWords() >= minWords
                        && (p.sessionId() == null || !p.sessionId().equals(evidence.sessionId()))) {
                    counted.add(p);
                }
            }
        }
        boolean ownCounts = thisSession != null && thisSession.longestResponseWords() >= minWords;
        int sessions = counted.size() + (ownCounts ? 1 : 0);
        if (sessions < t.referenceRecordMinSessions()) {
            return notJudged(t, sessions + " claim session(s) with a response of " + minWords
                    + " words or more on record, too few to judge");
        }
        long reached = counted.stream().filter(p -> p.reachWords() > screen).count()
                + (ownCounts && thisSession.reachWords() > screen ? 1 : 0);
        double share = (double) reached / sessions;
        boolean fired = share <= t.referenceRecordShare();
        EvidenceList points = new EvidenceList();
        if (fired) {
            if (ownCounts && thisSession.reachWords() <= screen) {
                points.session(String.valueOf(evidence.sessionId()), "this session: " + where(thisSession.reachWords(),
                        thisSession.longestResponseWords()));
            }
            counted.stream().filter(p -> p.reachWords() <= screen)
                    .sorted(Comparator.comparingInt(PastReach::longestResponseWords).reversed())
                    .forEach(p -> points.session(String.valueOf(p.sessionId()), "an earlier session of this expert: "
                            + where(p.reachWords(), p.longestResponseWords())));
        }
        String own = thisSession == null ? "" : thisSession.passages() == 0 ? "; this text names no passage of the responses"
                : String.format("; this text names %d passage(s), the deepest at word %d of response %s (%d words)",
                        thisSession.passages(), thisSession.reachWords(), thisSession.label() == null ? "-"
                                : thisSession.label(), thisSession.labelWords());
        String summary = String.format("%d of %d claim sessions with a response of %d words or more refer to something "
                + "past its first %d words (%.0f%%)%s", reached, sessions, minWords, screen, share * 100, own);
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, share, t.referenceRecordShare(), Signal.Direction.AT_MOST,
                fired, summary, points.list());
    }

    private static String where(int reachWords, int longestWords) {
        return reachWords == 0 ? String.format("its text names nothing past the top of responses up to %d words long",
                longestWords)
                : String.format("its deepest reference was at word %d, in responses up to %d words long", reachWords,
                        longestWords);
    }

    private static Signal notJudged(SignalThresholds t, String why) {
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, 1, t.referenceRecordShare(), Signal.Direction.AT_MOST,
                false, why, List.of());
    }
}
