package dev.arbiter.task.session.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.session.BatchChain;
import dev.arbiter.task.session.ClockSanity;
import dev.arbiter.task.session.ClockSanity.SaneLog;
import dev.arbiter.task.session.SessionConfig;
import dev.arbiter.task.session.TextReplay;
import dev.arbiter.task.session.decision.service.SessionCases;
import dev.arbiter.task.session.model.Integrity;
import dev.arbiter.task.session.model.Replay;
import dev.arbiter.task.session.model.SessionViews.SessionSummary;
import dev.arbiter.task.session.model.SessionViews.SessionView;
import dev.arbiter.task.session.model.SessionViews.Timeline;
import dev.arbiter.task.session.model.StoredBatch;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import dev.arbiter.task.session.repository.SessionFinalisingRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository.SessionRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Sessions as their owner and admins see them: the session with the state of its log (re-verified on
 * every read), the expert's own list, and the timeline with the replay. Another expert's session is
 * absent (404), like a task.
 */
@ApplicationScoped
public class SessionReader {

    static final int MISSING_LISTED = 100;

    private final Pool pool;
    private final WorkSessionRepository sessions;
    private final SessionBatchRepository batches;
    private final SessionFinalisingRepository finalised;
    private final SessionConfig config;
    private final ObjectMapper json;
    private final SessionCases cases;

    public SessionReader(Pool pool, WorkSessionRepository sessions, SessionBatchRepository batches,
                         SessionFinalisingRepository finalised, SessionConfig config, ObjectMapper json, SessionCases cases) {
        this.pool = pool;
        this.sessions = sessions;
        this.batches = batches;
        this.finalised = finalised;
        this.config = config;
        this.json = json;
        this.cases = cases;
    }

    public Uni<SessionView> view(Actor actor, UUID id) {
        return withLog(actor, id, (s, stored) -> {
            Integrity integrity = BatchChain.verify(s.id(), stored, s.digest());
            SaneLog sane = ClockSanity.apply(s.openedAt(), s.closedAt(), SessionBatchRepository.decode(stored));
            List<Integer> missing = missing(stored, s.lastSeq());
            return new SessionView(s.id(), s.kind(), s.taskId(), s.judgmentId(), s.jobId(), s.state(), s.closeReason(),
                    s.openedAt(), s.closedAt(), s.countsUntil(), s.activeSeconds(), s.eventCount(), s.batchCount(),
                    List.copyOf(missing.subList(0, Math.min(MISSING_LISTED, missing.size()))), missing.size(), BatchChain.hex(s.digest()),
                    integrity, sane.report(), List.of(), null, null, null, null);
        }).chain(v -> finalised.finalised(pool, id).map(f -> v.finalised(signals(f.signalsJson()), f.finalisedAt(),
                f.paidSeconds(), f.externalPasteShare())))
                .chain(view -> cases.caseOf(pool, id).map(view::withCase));
    }

    /** The stored signals, each as stored (the owner sees their own: they are told what is recorded). */
    private List<JsonNode> signals(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            json.readTree(stored).forEach(out::add);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Uni<Timeline> timeline(Actor actor, UUID id) {
        return withLog(actor, id, (s, stored) -> {
            SaneLog sane = ClockSanity.apply(s.openedAt(), s.closedAt(), SessionBatchRepository.decode(stored));
            Replay replay = TextReplay.of(sane.events(), config.replayStep().toMillis());
            return new Timeline(s.id(), sane.events(), replay.fields(), replay.pastes(), replay.inconsistentEdits(),
                    sane.report());
        });
    }

    public Uni<List<SessionSummary>> mine(Actor actor) {
        return sessions.ofExpert(pool, actor.id(), config.mineLimit()).map(rows -> rows.stream()
                .map(s -> new SessionSummary(s.id(), s.kind(), s.taskId(), s.judgmentId(), s.state(), s.openedAt(),
                        s.closedAt(), s.activeSeconds(), s.eventCount()))
                .toList());
    }

    /** The session and its stored log read in one transaction (the session share-locked), if the actor may see it. */
    private <T> Uni<T> withLog(Actor actor, UUID id, BiFunction<SessionRecord, List<StoredBatch>, T> view) {
        return pool.withTransaction(tx -> sessions.findForReading(tx, id).chain(s -> {
            if (s == null || !(actor.admin() || s.expertId().equals(actor.id()))) {
                throw ApiProblem.notFound("Session", id);
            }
            return batches.stored(tx, id).map(stored -> view.apply(s, stored));
        }));
    }

    /** Batch numbers below the highest received that never arrived. */
    static List<Integer> missing(List<StoredBatch> stored, Integer lastSeq) {
        if (lastSeq == null) {
            return List.of();
        }
        Set<Integer> present = new HashSet<>();
        stored.forEach(b -> present.add(b.seq()));
        List<Integer> missing = new ArrayList<>();
        for (int seq = 0; seq < lastSeq; seq++) {
            if (!present.contains(seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }
}
