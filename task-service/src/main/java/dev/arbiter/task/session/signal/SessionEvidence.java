package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the signals of one session are computed from, gathered by the finaliser; the signals
 * themselves read nothing else, so they are pure and testable on hand-made sessions.
 *
 * @param events        the session's log after {@code ClockSanity}, in log order ({@code t} in ms since open)
 * @param wallMillis    wall-clock time between open and close
 * @param responses     the texts the expert was shown, by label ({@code A}, {@code B}…), and the prompt under
 *                      {@code prompt}: what needs reading, and what an {@code internal} paste may quote
 * @param finalTexts    the final text of each workbench field ({@code rationale.<key>}, {@code overall}, …) as
 *                      submitted; empty when nothing was submitted (a released task)
 * @param deviceId      the id the workbench keeps for its device, or null
 * @param clientAddress the network address the batches came from, or null
 * @param deviceSharers other experts' sessions seen on the same device or the same address (recent ones)
 * @param peerTexts     other experts' final texts on the same item (their rationales), for the near-copy signal
 * @param itemId        the item the session worked on (a review's: the reviewed judgment's), or null
 * @param ownTexts      the same expert's final texts on OTHER items, from their recent sessions (bounded: the last
 *                      {@code max-own-texts} judgments within {@code own-text-window}), for the self-template signal
 * @param readingRecord the reading share ({@code reading_time}'s stored value) of the same expert's latest finalised
 *                      claim sessions, newest first (bounded: the last {@code max-reading-record} within
 *                      {@code reading-record-window}), for the reading-record signal; never this session's own
 * @param referenceRecord how deep the texts of the same expert's latest finalised claim sessions referred into their
 *                      responses ({@link ReferenceReach}, stored at finalising), newest first, the same sessions as the
 *                      reading record (those finalised before it was stored have none), for the reference-record signal
 */
public record SessionEvidence(UUID sessionId, UUID expertId, SessionKind kind, long wallMillis, List<TimedEvent> events,
                              Map<String, String> responses, Map<String, String> finalTexts, String deviceId,
                              String clientAddress, List<PeerSession> deviceSharers, List<PeerText> peerTexts,
                              UUID itemId, List<OwnText> ownTexts, List<PastReading> readingRecord,
                              List<PastReach> referenceRecord) {

    /** Without the expert's reference record. */
    public SessionEvidence(UUID sessionId, UUID expertId, SessionKind kind, long wallMillis, List<TimedEvent> events,
                           Map<String, String> responses, Map<String, String> finalTexts, String deviceId,
                           String clientAddress, List<PeerSession> deviceSharers, List<PeerText> peerTexts, UUID itemId,
                           List<OwnText> ownTexts, List<PastReading> readingRecord) {
        this(sessionId, expertId, kind, wallMillis, events, responses, finalTexts, deviceId, clientAddress, deviceSharers,
                peerTexts, itemId, ownTexts, readingRecord, List.of());
    }

    /** Without the expert's reading record (sessions whose signals do not look across sessions' attention). */
    public SessionEvidence(UUID sessionId, UUID expertId, SessionKind kind, long wallMillis, List<TimedEvent> events,
                           Map<String, String> responses, Map<String, String> finalTexts, String deviceId,
                           String clientAddress, List<PeerSession> deviceSharers, List<PeerText> peerTexts, UUID itemId,
                           List<OwnText> ownTexts) {
        this(sessionId, expertId, kind, wallMillis, events, responses, finalTexts, deviceId, clientAddress, deviceSharers,
                peerTexts, itemId, ownTexts, List.of(), List.of());
    }

    /** The same evidence with {@code record} as the expert's reading record. */
    public SessionEvidence withReadingRecord(List<PastReading> record) {
        return new SessionEvidence(sessionId, expertId, kind, wallMillis, events, responses, finalTexts, deviceId,
                clientAddress, deviceSharers, peerTexts, itemId, ownTexts, record, referenceRecord);
    }

    /** The same evidence with {@code record} as the expert's reference record. */
    public SessionEvidence withReferenceRecord(List<PastReach> record) {
        return new SessionEvidence(sessionId, expertId, kind, wallMillis, events, responses, finalTexts, deviceId,
                clientAddress, deviceSharers, peerTexts, itemId, ownTexts, readingRecord, record);
    }

    /** Another expert's session on this device or address: {@code sameDevice} is the strong half of the match. */
    public record PeerSession(UUID sessionId, UUID expertId, boolean sameDevice, boolean sameAddress) {
    }

    /** Another expert's final text of a field on the same item. */
    public record PeerText(UUID sessionId, UUID expertId, String field, String text) {
    }

    /** The same expert's final text of a field in one of their earlier sessions, on the item {@code itemId}. */
    public record OwnText(UUID sessionId, UUID itemId, String field, String text) {
    }

    /**
     * One of the expert's earlier finalised claim sessions and the value its {@code reading_time} stored: the
     * reading credited over what the responses need at the fast rate (1 when the responses were too short to
     * judge, which counts as read); and {@code firstRead}, what its finaliser stored of how well the best-read
     * response was read before the first text ({@link GlanceRecord}; NaN when not judged or finalised before it
     * was stored, and then left out of the glance record).
     */
    public record PastReading(UUID sessionId, double share, double firstRead) {

        /** Without the first read (not known). */
        public PastReading(UUID sessionId, double share) {
            this(sessionId, share, Double.NaN);
        }
    }

    /**
     * One of the expert's earlier finalised claim sessions and what its finaliser stored of {@link ReferenceReach}:
     * how far from the top of its response (in words) the deepest passage its text referred to lies, and the
     * length of the longest response it was shown.
     */
    public record PastReach(UUID sessionId, int reachWords, int longestResponseWords) {
    }
}
