package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.SessionEvidence.PastReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code glance_record} (attention): the expert's habit of writing after no more than a glance. Per session, the
 * <em>first read</em> is how well the best-read response was read before the first text was written: the reading
 * {@link ReadingTime} credited to that response by then, over what its words need at the fast rate (1 = read at
 * 1,000 words a minute or slower). Someone who reads before judging has read at least one response by the time they
 * write (experts who write as they go read A first), so their first read sits near 1, and at about a third on the odd
 * quick read; someone who glances at each response for a few seconds and starts typing sits far below, on short
 * responses too. That is what {@code reading_time} and {@code reading_record} cannot see on short responses: they
 * rightly credit the pauses in the writing as reading, and on a response that fits on the screen a glance plus those
 * pauses add up; the time before the first word does not. And what {@code wrote_before_reading} cannot see either:
 * it adds both responses' reading before the first text against the shorter one, so two glances at two short
 * responses pass.
 *
 * <p>One session says little (an obvious item skimmed), so the signal is a habit over this session and the expert's
 * recent claim sessions as their finaliser stored them ({@link SessionEvidence#readingRecord()}): a session was
 * <em>written after a glance</em> when its first read is at most {@code glanceMaxShare} (every response read, before
 * the first text, at 4,000 words a minute or faster by default); the value is the share of judged sessions written
 * after a glance, firing at {@code glanceRecordShare} or more and only with at least {@code glanceRecordMinGlances}
 * of them, judged from {@code glanceRecordMinSessions} sessions (this one included when judged), only for claim
 * sessions. A share, not a median: a speed-runner who reads half their items keeps a median of a reader, while a
 * reader almost never writes after a glance at all. Attention evidence from the events of other sessions of the same
 * person; it never reads the texts. The evidence is the sessions written after a glance, lowest first, with their
 * first read.
 */
public final class GlanceRecord {

    public static final String NAME = "glance_record";

    private GlanceRecord() {
    }

    /**
     * This session's first read (NaN when not judged), as the finaliser stores it for the expert's later sessions:
     * the same measure {@link SignalEngine#evaluate} computes.
     */
    public static double firstRead(SessionEvidence evidence, SignalThresholds thresholds) {
        return ReadingTime.measure(evidence, thresholds).firstRead(thresholds);
    }

    /** @param thisSession this session's first read, NaN when not judged */
    public static Signal compute(SessionEvidence evidence, double thisSession, SignalThresholds t) {
        if (evidence.kind() != SessionKind.CLAIM) {
            return notJudged(t, "not judged for a " + evidence.kind().name().toLowerCase() + " session");
        }
        List<PastReading> judged = new ArrayList<>();
        if (evidence.readingRecord() != null) {
            for (PastReading p : evidence.readingRecord()) {
                if (p != null && Double.isFinite(p.firstRead())
                        && (p.sessionId() == null || !p.sessionId().equals(evidence.sessionId()))) {
                    judged.add(p);
                }
            }
        }
        boolean ownJudged = Double.isFinite(thisSession);
        int sessions = judged.size() + (ownJudged ? 1 : 0);
        if (sessions < t.glanceRecordMinSessions()) {
            return notJudged(t, sessions + " claim session(s) with a first read on record, too few to judge a habit");
        }
        boolean ownGlance = ownJudged && thisSession <= t.glanceMaxShare();
        long glances = judged.stream().filter(p -> p.firstRead() <= t.glanceMaxShare()).count() + (ownGlance ? 1 : 0);
        double share = (double) glances / sessions;
        boolean fired = share >= t.glanceRecordShare() && glances >= t.glanceRecordMinGlances();
        EvidenceList points = new EvidenceList();
        if (fired) {
            if (ownGlance) {
                points.session(String.valueOf(evidence.sessionId()), note("this session", thisSession));
            }
            judged.stream().filter(p -> p.firstRead() <= t.glanceMaxShare())
                    .sorted(Comparator.comparingDouble(PastReading::firstRead))
                    .forEach(p -> points.session(String.valueOf(p.sessionId()), note("an earlier session of this expert",
                            p.firstRead())));
        }
        String own = ownJudged ? String.format("; this one's best-read response had %.0f%% before the first text",
                thisSession * 100) : "; this one not judged";
        String summary = String.format("%d of %d claim sessions written after a glance (%.0f%%: every response at most "
                + "%.0f%% read before the first text)%s", glances, sessions, share * 100, t.glanceMaxShare() * 100, own);
        return new Signal(NAME, SignalFamily.ATTENTION, share, t.glanceRecordShare(), Signal.Direction.AT_LEAST, fired,
                summary, points.list());
    }

    private static String note(String which, double firstRead) {
        return String.format("%s: the best-read response had %.0f%% of the reading its words need before the first text",
                which, firstRead * 100);
    }

    private static Signal notJudged(SignalThresholds t, String why) {
        return new Signal(NAME, SignalFamily.ATTENTION, 0, t.glanceRecordShare(), Signal.Direction.AT_LEAST, false, why,
                List.of());
    }
}
