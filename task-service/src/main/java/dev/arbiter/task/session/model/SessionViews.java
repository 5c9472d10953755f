package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.session.decision.model.CaseViews.SessionCase;
import dev.arbiter.task.session.model.Replay.Paste;
import dev.arbiter.task.session.model.Replay.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the sessions API answers. */
public final class SessionViews {

    private SessionViews() {
    }

    /** The answer to a batch: {@code accepted} events stored by this request (0 for a resent {@code seq}). */
    public record Ack(int seq, int accepted, boolean duplicate) {
    }

    /**
     * A session with the state of its log: {@code missingSeqs} are the batch numbers below the highest
     * received that never arrived (the first 100; {@code missingCount} counts them all), {@code digest}
     * ends the hash chain (hex), {@code integrity} is what re-reading the log found, {@code clock} how many
     * event times had to be corrected. {@code signals} stays empty until the session is finalised, then
     * holds every signal computed ({@code [{name, family, value, threshold, direction, fired, summary,
     * evidence}]}), fired or not, as stored; {@code finalisedAt}, {@code paidSeconds} (active time up to the
     * cap) and {@code externalPasteShare} are null until then. {@code case} is the admin's decision and the
     * appeal, null until an admin decided.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionView(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, SessionState state,
                              CloseReason closeReason, Instant openedAt, Instant closedAt, Instant countsUntil,
                              Long activeSeconds, int eventCount, int batchCount, List<Integer> missingSeqs,
                              int missingCount, String digest, Integrity integrity, ClockReport clock,
                              List<JsonNode> signals, Instant finalisedAt, Long paidSeconds, Double externalPasteShare,
                              @JsonProperty("case") SessionCase sessionCase) {

        /** The same view with what finalising stored. */
        public SessionView finalised(List<JsonNode> signals, Instant finalisedAt, Long paidSeconds, Double externalPasteShare) {
            return new SessionView(id, kind, taskId, judgmentId, jobId, state, closeReason, openedAt, closedAt, countsUntil,
                    activeSeconds, eventCount, batchCount, missingSeqs, missingCount, digest, integrity, clock, signals,
                    finalisedAt, paidSeconds, externalPasteShare, sessionCase);
        }

        /** The same session with its case (read after the log: a decision is not part of the log). */
        public SessionView withCase(SessionCase c) {
            return new SessionView(id, kind, taskId, judgmentId, jobId, state, closeReason, openedAt, closedAt, countsUntil,
                    activeSeconds, eventCount, batchCount, missingSeqs, missingCount, digest, integrity, clock, signals,
                    finalisedAt, paidSeconds, externalPasteShare, c);
        }
    }

    /** One line of an expert's own sessions. */
    public record SessionSummary(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, SessionState state,
                                 Instant openedAt, Instant closedAt, Long activeSeconds, int eventCount) {
    }

    /**
     * The log on the server's time line ({@code events}, each with its batch and the browser's own time),
     * every field's text as it grew ({@code replay}), and the pastes.
     */
    public record Timeline(UUID sessionId, List<TimedEvent> events, Map<String, List<Step>> replay, List<Paste> pastes,
                           int inconsistentEdits, ClockReport clock) {
    }
}
