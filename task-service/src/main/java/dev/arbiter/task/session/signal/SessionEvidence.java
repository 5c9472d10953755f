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
 */
public record SessionEvidence(UUID sessionId, UUID expertId, SessionKind kind, long wallMillis, List<TimedEvent> events,
                              Map<String, String> responses, Map<String, String> finalTexts, String deviceId,
                              String clientAddress, List<PeerSession> deviceSharers, List<PeerText> peerTexts,
                              UUID itemId, List<OwnText> ownTexts) {

    /** Another expert's session on this device or address: {@code sameDevice} is the strong half of the match. */
    public record PeerSession(UUID sessionId, UUID expertId, boolean sameDevice, boolean sameAddress) {
    }

    /** Another expert's final text of a field on the same item. */
    public record PeerText(UUID sessionId, UUID expertId, String field, String text) {
    }

    /** The same expert's final text of a field in one of their earlier sessions, on the item {@code itemId}. */
    public record OwnText(UUID sessionId, UUID itemId, String field, String text) {
    }
}
