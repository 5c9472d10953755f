package dev.arbiter.task.session.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionFlagged;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.proto.tasks.v1.WorkSessionVerified;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.session.BatchChain;
import dev.arbiter.task.session.ClockSanity;
import dev.arbiter.task.session.PaidTime;
import dev.arbiter.task.session.SessionConfig;
import dev.arbiter.task.session.SessionTexts;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import dev.arbiter.task.session.model.TimedEvent;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import dev.arbiter.task.session.repository.SessionEvidenceRepository;
import dev.arbiter.task.session.repository.SessionEvidenceRepository.ExpertRecord;
import dev.arbiter.task.session.repository.SessionEvidenceRepository.OwnJudgment;
import dev.arbiter.task.session.repository.SessionEvidenceRepository.PeerJudgment;
import dev.arbiter.task.session.repository.SessionEvidenceRepository.WorkContext;
import dev.arbiter.task.session.repository.SessionFinalisingRepository;
import dev.arbiter.task.session.repository.SessionFinalisingRepository.DueSession;
import dev.arbiter.task.session.signal.Evaluation;
import dev.arbiter.task.session.signal.SessionEvidence;
import dev.arbiter.task.session.signal.SessionEvidence.OwnText;
import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import dev.arbiter.task.session.signal.Signal;
import dev.arbiter.task.session.signal.SignalEngine;
import dev.arbiter.task.session.signal.SignalFamily;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Finalises closed sessions once their late batches are in (closed more than {@code late-grace} ago):
 * gathers the session's evidence, has the {@link SignalEngine} evaluate it, stores the signals, the paste
 * share and the paid seconds, moves the session to {@code VERIFIED} or {@code FLAGGED} and emits
 * {@code WorkSessionVerified} or {@code WorkSessionFlagged}, all in one transaction per session.
 *
 * <p>Exactly once: the session row is locked ({@code FOR UPDATE SKIP LOCKED}, so concurrent finalisers
 * take different sessions and never wait for each other), the transition is guarded by
 * {@code where state = 'CLOSED'}, and the event is written to the outbox in the same transaction. A crash
 * before commit leaves the session {@code CLOSED} with no event, and the next run takes it again. A
 * session whose finalising fails is logged and skipped for the rest of the run.
 */
@ApplicationScoped
public class SessionFinaliser {

    private static final Logger LOG = Logger.getLogger(SessionFinaliser.class);

    private final Pool pool;
    private final SessionFinalisingRepository queue;
    private final SessionEvidenceRepository evidence;
    private final SessionBatchRepository batches;
    private final SignalEngine engine;
    private final TaskOutbox outbox;
    private final SessionConfig config;
    private final ObjectMapper json;
    private final WorkSessions sessions;

    public SessionFinaliser(Pool pool, SessionFinalisingRepository queue, SessionEvidenceRepository evidence,
                            SessionBatchRepository batches, SignalEngine engine, TaskOutbox outbox, SessionConfig config,
                            ObjectMapper json, WorkSessions sessions) {
        this.sessions = sessions;
        this.pool = pool;
        this.queue = queue;
        this.evidence = evidence;
        this.batches = batches;
        this.engine = engine;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    /** What finalising one session came to. */
    public record Outcome(UUID sessionId, SessionState state) {
    }

    /**
     * Each tick drains the queue: runs of up to {@code finalise-batch} sessions follow each other while a run
     * finds a full batch, so a backlog does not wait for the next tick between runs.
     */
    @Scheduled(every = "${arbiter.sessions.finalise-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return Multi.createBy().repeating().uni(this::finaliseDue).whilst(done -> done.size() >= config.finaliseBatch())
                .collect().last().replaceWithVoid();
    }

    /** Finalises up to {@code finalise-batch} due sessions, {@code finalise-workers} at a time; those finalised. */
    public Uni<List<Outcome>> finaliseDue() {
        return finaliseDue(config.finaliseBatch(), config.finaliseWorkers());
    }

    public Uni<List<Outcome>> finaliseDue(int limit, int workers) {
        Set<UUID> failed = ConcurrentHashMap.newKeySet();
        int perWorker = Math.max(1, (limit + workers - 1) / workers);
        List<Uni<List<Outcome>>> runs = new ArrayList<>();
        for (int w = 0; w < Math.max(1, workers); w++) {
            runs.add(drain(perWorker, failed));
        }
        return Uni.join().all(runs).andFailFast().map(all -> all.stream().flatMap(List::stream).toList());
    }

    /**
     * One worker: groups of up to {@code finalise-per-transaction} sessions, each group in one transaction
     * (one commit, so one disk flush, for the group), until none is due or {@code limit} were taken.
     */
    private Uni<List<Outcome>> drain(int limit, Set<UUID> failed) {
        int perTransaction = Math.max(1, config.finalisePerTransaction());
        return Multi.createBy().repeating().uni(() -> group(failed, perTransaction)).until(List::isEmpty)
                .onItem().transformToIterable(group -> group)
                .select().first(limit)
                .select().where(o -> o.state() != null)
                .collect().asList();
    }

    /**
     * Finalises up to {@code n} due sessions in one transaction, oldest first; empty when none is due. If
     * any of them fails, the transaction is rolled back and the same number are taken again one per
     * transaction, so that the one at fault is set aside alone and the others are finalised.
     */
    private Uni<List<Outcome>> group(Set<UUID> failed, int n) {
        if (n == 1) {
            return next(failed).map(o -> o.sessionId() == null ? List.<Outcome>of() : List.of(o));
        }
        UUID[] skip = failed.toArray(UUID[]::new);
        return pool.withTransaction(tx -> queue.lockDue(tx, config.lateGrace(), skip, n).chain(due -> finaliseAll(tx, due)))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("A group of up to %d sessions could not be finalised together (%s); taking them one by one",
                            n, e.getMessage());
                    return Multi.createBy().repeating().uni(() -> next(failed)).until(o -> o.sessionId() == null)
                            .select().first(n).collect().asList();
                });
    }

    /**
     * Finalises sessions locked together, one after the other in the transaction, with what they share
     * gathered once: their experts' reading and reference records, one query for the group.
     */
    private Uni<List<Outcome>> finaliseAll(SqlConnection tx, List<DueSession> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] experts = due.stream().filter(d -> d.kind() == SessionKind.CLAIM).map(DueSession::expertId).distinct()
                .toArray(UUID[]::new);
        return evidence.expertRecords(tx, experts, config.readingRecordWindow(), config.maxReadingRecord())
                .chain(records -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(d -> finalise(tx, d,
                                records.getOrDefault(d.expertId(), ExpertRecord.NONE)))
                        .collect().asList());
    }

    /**
     * Finalises the oldest due session; an outcome with no session when none is due (the worker stops),
     * with no state when it failed (logged, skipped for the rest of the run).
     */
    private Uni<Outcome> next(Set<UUID> failed) {
        UUID[] skip = failed.toArray(UUID[]::new);
        UUID[] taken = new UUID[1];
        return pool.withTransaction(tx -> queue.lockNextDue(tx, config.lateGrace(), skip).chain(due -> {
                    if (due == null) {
                        return Uni.createFrom().item(new Outcome(null, null));
                    }
                    taken[0] = due.id();
                    return finaliseAll(tx, List.of(due)).map(all -> all.get(0));
                }))
                .onFailure().recoverWithItem(e -> {
                    if (taken[0] == null) {
                        LOG.warnf(e, "Could not look for sessions to finalise");
                        return new Outcome(null, null);
                    }
                    LOG.errorf(e, "Could not finalise session %s; it stays CLOSED and is tried again next run", taken[0]);
                    failed.add(taken[0]);
                    return new Outcome(taken[0], null);
                });
    }

    private Uni<Outcome> finalise(SqlConnection tx, DueSession s, ExpertRecord record) {
        Uni<List<TimedEvent>> log = s.batchCount() == 0 ? Uni.createFrom().item(List.of())
                : batches.recorded(tx, s.id()).map(recorded -> ClockSanity.apply(s.openedAt(), s.closedAt(), recorded).events());
        return log.chain(events -> evidence.context(tx, s.taskId(), s.judgmentId(), s.expertId()).chain(work -> {
            if (work == null) {
                throw new IllegalStateException("session " + s.id() + " names no task or judgment that exists");
            }
            return evidence.sharers(tx, s.expertId(), s.deviceId(), s.clientAddress(), config.sharerWindow(), config.maxSharers())
                    .chain(sharers -> evidence.peerJudgments(tx, work.itemId(), s.expertId(), config.maxPeerJudgments())
                            .chain(peers -> ownJudgments(tx, s, work)
                                    .chain(own -> decide(tx, s, work, events, sharers, peers, own,
                                            s.kind() == SessionKind.CLAIM ? record : ExpertRecord.NONE))));
        }));
    }

    private Uni<Outcome> decide(SqlConnection tx, DueSession s, WorkContext work, List<TimedEvent> events,
                                List<PeerSession> sharers, List<PeerJudgment> peers, List<OwnJudgment> own,
                                ExpertRecord record) {
        UUID judgmentId = judgmentOf(s, work);
        SessionEvidence gathered = new SessionEvidence(s.id(), s.expertId(), s.kind(),
                Math.max(0, Duration.between(s.openedAt(), s.closedAt()).toMillis()), events,
                SessionTexts.shown(work.prompt(), read(work.responseOrderJson(), new TypeReference<List<String>>() { }),
                        responseTexts(work.responsesJson())),
                finalTexts(s, work, judgmentId), s.deviceId(), s.clientAddress(), sharers, peerTexts(s.kind(), peers),
                work.itemId(), ownTexts(own), record.reading(), record.references());
        Evaluation evaluation = engine.evaluate(gathered);
        SessionState state = evaluation.flagged() ? SessionState.FLAGGED : SessionState.VERIFIED;
        PaidTime paid = PaidTime.of(s.activeSeconds(), work.expectedMinutesPerItem());
        double share = Double.isFinite(evaluation.externalPasteShare())
                ? Math.max(0, Math.min(1, evaluation.externalPasteShare())) : 0;
        return queue.finalise(tx, s.id(), state, signalsJson(evaluation.signals()), share, paid.paidSeconds(),
                        evaluation.reach(), evaluation.firstRead())
                .chain(finalisedAt -> {
                    if (finalisedAt == null) {
                        return Uni.createFrom().item(new Outcome(s.id(), null));
                    }
                    SessionWork sessionWork = work(s, work, judgmentId, paid);
                    var envelope = outbox.envelope(s.expertId());
                    if (state == SessionState.FLAGGED) {
                        envelope.setWorkSessionFlagged(WorkSessionFlagged.newBuilder().setWork(sessionWork)
                                .addAllFiredSignals(evaluation.signals().stream().filter(Signal::fired).map(Signal::name).toList())
                                .addAllFamilies(evaluation.firedFamilies().stream().sorted().map(SignalFamily::name).toList())
                                .setFinalisedAt(Sql.timestamp(finalisedAt)));
                    } else {
                        envelope.setWorkSessionVerified(WorkSessionVerified.newBuilder().setWork(sessionWork)
                                .setFinalisedAt(Sql.timestamp(finalisedAt)));
                    }
                    return outbox.append(tx, envelope.build()).replaceWith(new Outcome(s.id(), state));
                });
    }

    /** The submitted judgment of a claim or revision that ended in a submit; the reviewed one of a review. */
    private static UUID judgmentOf(DueSession s, WorkContext work) {
        if (s.kind() == SessionKind.REVIEW) {
            return s.judgmentId();
        }
        return s.closeReason() == CloseReason.SUBMITTED ? work.judgmentId() : null;
    }

    private Map<String, String> finalTexts(DueSession s, WorkContext work, UUID judgmentId) {
        if (s.kind() == SessionKind.REVIEW) {
            return s.closeReason() == CloseReason.REVIEWED ? SessionTexts.ofReview(work.reviewStrengths(), work.reviewIssues())
                    : Map.of();
        }
        if (judgmentId == null) {
            return Map.of();
        }
        return SessionTexts.ofJudgment(rationales(work.rationalesJson()),
                read(work.critiquesJson(), new TypeReference<List<Judgment.Critique>>() { }), work.overallRationale());
    }

    private List<PeerText> peerTexts(SessionKind kind, List<PeerJudgment> peers) {
        if (kind == SessionKind.REVIEW) {
            return List.of();
        }
        List<PeerText> texts = new ArrayList<>();
        for (PeerJudgment p : peers) {
            rationales(p.rationalesJson()).forEach((key, text) ->
                    texts.add(new PeerText(p.sessionId(), p.expertId(), "rationale." + key, text)));
            if (p.overallRationale() != null && !p.overallRationale().isEmpty()) {
                texts.add(new PeerText(p.sessionId(), p.expertId(), "overall", p.overallRationale()));
            }
        }
        return texts;
    }

    /**
     * The expert's own recent judgments on other items, for {@code self_template}; none for a review, whose
     * texts (strengths, issues) are not rationales to compare with.
     */
    private Uni<List<OwnJudgment>> ownJudgments(SqlConnection tx, DueSession s, WorkContext work) {
        if (s.kind() == SessionKind.REVIEW) {
            return Uni.createFrom().item(List.of());
        }
        return evidence.ownJudgments(tx, s.expertId(), work.itemId(), s.id(), config.ownTextWindow(), config.maxOwnTexts());
    }

    private List<OwnText> ownTexts(List<OwnJudgment> own) {
        List<OwnText> texts = new ArrayList<>();
        for (OwnJudgment o : own) {
            rationales(o.rationalesJson()).forEach((key, text) ->
                    texts.add(new OwnText(o.sessionId(), o.itemId(), "rationale." + key, text)));
            if (o.overallRationale() != null && !o.overallRationale().isEmpty()) {
                texts.add(new OwnText(o.sessionId(), o.itemId(), "overall", o.overallRationale()));
            }
        }
        return texts;
    }

    /**
     * What the session's pay is computed from. The rate, tier and multiplier are the ones fixed on the session when
     * it opened (V13); a session opened before then falls back to the job's rate, the tier as it is known now, and
     * today's multiplier of that tier.
     */
    private SessionWork work(DueSession s, WorkContext work, UUID judgmentId, PaidTime paid) {
        int tier = s.expertTier() != null ? s.expertTier()
                : s.kind() == SessionKind.REVIEW ? work.domainTier() : work.taskExpertTier();
        int multiplier = s.tierMultiplierBp() != null ? s.tierMultiplierBp() : sessions.multiplierOf(tier);
        long rate = s.hourlyRateMinor() != null ? s.hourlyRateMinor() : work.hourlyRateMinor();
        SessionWork.Builder b = SessionWork.newBuilder().setSessionId(s.id().toString()).setKind(kind(s.kind()))
                .setJobId(s.jobId().toString()).setOrganizationId(work.organizationId().toString())
                .setExpertId(s.expertId().toString()).setExpertTier(tier).setTierMultiplierBp(multiplier)
                .setActiveSeconds(paid.activeSeconds()).setPaidSeconds(paid.paidSeconds())
                .setOverCapSeconds(paid.overCapSeconds()).setHourlyRateMinor(rate)
                .setCurrency(work.currency()).setDigest(s.digest() == null ? "" : BatchChain.hex(s.digest()))
                .setOpenedAt(Sql.timestamp(s.openedAt())).setClosedAt(Sql.timestamp(s.closedAt()));
        if (s.taskId() != null) {
            b.setTaskId(s.taskId().toString());
        }
        if (judgmentId != null) {
            b.setJudgmentId(judgmentId.toString());
        }
        return b.build();
    }

    /** The signals as the session view shows them; a value that is not a finite number is stored as null. */
    String signalsJson(List<Signal> signals) {
        ArrayNode out = json.createArrayNode();
        for (Signal signal : signals) {
            ObjectNode node = out.addObject();
            node.put("name", signal.name());
            node.put("family", signal.family() == null ? null : signal.family().name());
            putNumber(node, "value", signal.value());
            putNumber(node, "threshold", signal.threshold());
            node.put("direction", signal.direction() == null ? null : signal.direction().name());
            node.put("fired", signal.fired());
            node.put("summary", signal.summary());
            node.set("evidence", json.valueToTree(signal.evidence() == null ? List.of() : signal.evidence()));
        }
        return out.toString();
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private Map<String, String> responseTexts(String responsesJson) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (Map<String, Object> r : read(responsesJson, new TypeReference<List<Map<String, Object>>>() { })) {
            if (r.get("id") instanceof String id && r.get("text") instanceof String text) {
                byId.put(id, text);
            }
        }
        return byId;
    }

    private Map<String, String> rationales(String rationalesJson) {
        Map<String, String> map = rationalesJson == null ? null : read(rationalesJson, new TypeReference<Map<String, String>>() { });
        return map == null ? Map.of() : map;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WorkSessionKind kind(SessionKind kind) {
        return switch (kind) {
            case CLAIM -> WorkSessionKind.WORK_SESSION_KIND_CLAIM;
            case REVISION -> WorkSessionKind.WORK_SESSION_KIND_REVISION;
            case REVIEW -> WorkSessionKind.WORK_SESSION_KIND_REVIEW;
        };
    }
}
