package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.SessionEvidence.PastReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code reading_record} (attention): the expert's <em>habit</em> of reading, from the reading share
 * {@code reading_time} stored for their recent claim sessions ({@link SessionEvidence#readingRecord()}) and
 * this session's own. One session's reading can pass for reading when the responses are short (a glance
 * and the pauses in typing add up to what a fast reader needs) or fail for honest reasons (an obvious
 * item, a quick skim); across twenty items neither holds: someone who reads keeps a median near 1 (the
 * credit is capped at the fast rate, so careful readers and fast ones alike sit at about 1), someone who
 * glances at every item keeps it near 0 whatever this item's length. The median, not the mean, so that
 * the odd quick read of an honest expert moves nothing, and the odd real read of a habitual glancer
 * neither.
 *
 * <p>Attention evidence about other sessions of the same person; it is not identity (who is at the
 * device) nor content (what the text says). It is judged only for claim sessions (a revision or a review
 * need not read the responses again) and only when the record, this session included, holds at least
 * {@code readingRecordMinSessions} sessions: a new expert has no habit yet. A session whose responses were
 * too short to judge stored a share of 1 and counts as read. The value is the median share; the
 * evidence is every recorded session read at or below {@code reading_time}'s own threshold, lowest first,
 * so that an admin opens those sessions and sees the glances for themselves.
 */
public final class ReadingRecord {

    public static final String NAME = "reading_record";

    private ReadingRecord() {
    }

    /**
     * @param thisSession this session's {@code reading_time} signal (its value is this session's share)
     */
    public static Signal compute(SessionEvidence evidence, Signal thisSession, SignalThresholds thresholds) {
        List<PastReading> past = new ArrayList<>();
        if (evidence.readingRecord() != null) {
            for (PastReading p : evidence.readingRecord()) {
                if (p != null && Double.isFinite(p.share()) && (p.sessionId() == null
                        || !p.sessionId().equals(evidence.sessionId()))) {
                    past.add(p);
                }
            }
        }
        double own = thisSession == null || !Double.isFinite(thisSession.value()) ? 1 : thisSession.value();
        int sessions = past.size() + 1;
        if (evidence.kind() != SessionKind.CLAIM || sessions < thresholds.readingRecordMinSessions()) {
            String why = evidence.kind() != SessionKind.CLAIM ? "not judged for a " + evidence.kind().name().toLowerCase()
                    + " session" : sessions + " session(s) on record, too few to judge a habit";
            return new Signal(NAME, SignalFamily.ATTENTION, 1, thresholds.readingRecordMedian(), Signal.Direction.AT_MOST,
                    false, why, List.of());
        }
        double[] shares = new double[sessions];
        shares[0] = own;
        for (int i = 0; i < past.size(); i++) {
            shares[i + 1] = past.get(i).share();
        }
        double median = median(shares);
        boolean fired = median <= thresholds.readingRecordMedian();
        long low = Arrays.stream(shares).filter(s -> s <= thresholds.readingMinShare()).count();
        EvidenceList points = new EvidenceList();
        if (fired) {
            past.stream().filter(p -> p.share() <= thresholds.readingMinShare())
                    .sorted((a, b) -> Double.compare(a.share(), b.share()))
                    .forEach(p -> points.session(String.valueOf(p.sessionId()), String.format(
                            "an earlier session of this expert credited %.0f%% of the reading its responses need",
                            p.share() * 100)));
        }
        String summary = String.format("median reading share %.2f over %d claim sessions (this one %.2f and %d earlier); "
                + "%d of them at or below %.2f", median, sessions, own, past.size(), low, thresholds.readingMinShare());
        return new Signal(NAME, SignalFamily.ATTENTION, median, thresholds.readingRecordMedian(), Signal.Direction.AT_MOST,
                fired, summary, points.list());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
