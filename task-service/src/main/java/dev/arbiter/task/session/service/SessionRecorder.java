package dev.arbiter.task.session.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.session.BatchAdmission;
import dev.arbiter.task.session.BatchAdmission.Decision;
import dev.arbiter.task.session.BatchChain;
import dev.arbiter.task.session.EventBatchValidator;
import dev.arbiter.task.session.KeystrokeTiming;
import dev.arbiter.task.session.SessionConfig;
import dev.arbiter.task.session.SessionOrigin;
import dev.arbiter.task.session.WorkbenchFields;
import dev.arbiter.task.session.model.EventBatch;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionViews.Ack;
import dev.arbiter.task.session.repository.EventCodec;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import dev.arbiter.task.session.repository.SessionBatchRepository.Encoded;
import dev.arbiter.task.session.repository.SessionBatchRepository.SeqHash;
import dev.arbiter.task.session.repository.SessionEvidenceRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository.RecordingSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Takes the batches the workbench sends: find the expert's own session (404 otherwise), validate the whole
 * batch against the session's fields (nothing stored on any problem), admit it (grace after closing, rate
 * and size), then store it and the session's new digest in one statement, so that a session's batches chain
 * one after the other. The usual batch is stored by one statement that checks the session has not changed
 * since it was read; every other case, and a usual batch that lost that check, in one transaction with the
 * session's row locked. A {@code seq} already stored changes nothing and says so.
 */
@ApplicationScoped
public class SessionRecorder {

    /** Dimension keys of each job: they never change once the job exists, and every batch needs them. */
    private final ConcurrentMap<UUID, List<String>> dimensionKeys = new ConcurrentHashMap<>();
    private final Pool pool;
    private final WorkSessionRepository sessions;
    private final SessionBatchRepository batches;
    private final JobRepository jobs;
    private final SessionEvidenceRepository origins;
    private final SessionConfig config;
    private final ObjectMapper json;
    private final EventBatchValidator.Limits limits;
    private final BatchAdmission.Limits admission;

    public SessionRecorder(Pool pool, WorkSessionRepository sessions, SessionBatchRepository batches, JobRepository jobs,
                           SessionEvidenceRepository origins, SessionConfig config, ObjectMapper json) {
        this.pool = pool;
        this.sessions = sessions;
        this.batches = batches;
        this.jobs = jobs;
        this.origins = origins;
        this.config = config;
        this.json = json;
        this.limits = new EventBatchValidator.Limits(config.maxBatchEvents(), config.maxBatches(), config.maxTextChars(),
                config.maxCopyLength());
        this.admission = new BatchAdmission.Limits(config.lateGrace(), config.batchBurst(), config.maxLogBytes());
    }

    /**
     * {@code origin}: the device and address the batch came from, kept on the session the first time they are seen.
     *
     * <p>The usual batch (the next {@code seq} of an open session whose origin is known) takes two statements and
     * no explicit transaction: the session read without a lock (404 if it is not the expert's), then the batch and
     * the session's new digest stored in one statement that locks the row and goes ahead only if the session is
     * still open with the digest that was read ({@link SessionBatchRepository#appendIfUnchanged}). Anything else,
     * or a session that changed in between, takes the locked transaction as before, which decides it from scratch.
     */
    public Uni<Ack> record(Actor actor, UUID sessionId, byte[] body, SessionOrigin origin) {
        if (body.length > config.maxBatchBytes()) {
            return Uni.createFrom().failure(tooLarge(config.maxBatchBytes(), body.length));
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            return Uni.createFrom().failure(ApiProblem.validation("body", "must be a JSON object {seq, events: [...]}"));
        }
        return sessions.findForRecording(pool, sessionId, actor.id()).chain(session -> {
            if (session == null) {
                throw ApiProblem.notFound("Session", sessionId);
            }
            // kind and job never change: the batch is validated once, against what was read
            return fieldsOf(pool, session).chain(fields -> {
                EventBatchValidator.Result checked = EventBatchValidator.check(parsed, limits, fields);
                if (!checked.valid()) {
                    throw ApiProblem.validation(checked.violations());
                }
                Encoded encoded = encode(checked.batch());
                return nextOfOpen(session, encoded, origin) ? unlocked(actor, session, encoded, origin)
                        : locked(actor, sessionId, encoded, origin);
            });
        });
    }

    /** The batch follows the last one stored, into an open session whose origin needs no writing. */
    private static boolean nextOfOpen(RecordingSession s, Encoded batch, SessionOrigin origin) {
        return s.state().open() && (s.lastSeq() == null || batch.seq() > s.lastSeq()) && !newOrigin(s, origin);
    }

    private static boolean newOrigin(RecordingSession s, SessionOrigin origin) {
        return (!s.hasDevice() && origin.deviceId() != null) || (!s.hasAddress() && origin.clientAddress() != null);
    }

    private Uni<Ack> unlocked(Actor actor, RecordingSession s, Encoded batch, SessionOrigin origin) {
        if (admit(s, batch) != Decision.ACCEPT) {
            return locked(actor, s.id(), batch, origin);
        }
        Instant receivedAt = s.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] hash = BatchChain.batchHash(batch.seq(), receivedAt, batch.eventsJson(), batch.timingHash());
        byte[] digest = BatchChain.link(s.digest() == null ? BatchChain.genesis(s.id()) : s.digest(), hash);
        return batches.appendIfUnchanged(pool, s.id(), batch, receivedAt, hash, digest, s.digest())
                .chain(added -> added ? Uni.createFrom().item(new Ack(batch.seq(), batch.eventCount(), false))
                        : locked(actor, s.id(), batch, origin));
    }

    /** One transaction with the session's row locked: every case, decided from what the locked row says. */
    private Uni<Ack> locked(Actor actor, UUID sessionId, Encoded batch, SessionOrigin origin) {
        return pool.withTransaction(tx -> sessions.lockForRecording(tx, sessionId, actor.id()).chain(session -> {
            if (session == null) {
                throw ApiProblem.notFound("Session", sessionId);
            }
            // the origin is written once: later batches (nearly all) cost no extra statement
            return take(tx, session, batch).call(() -> newOrigin(session, origin)
                    ? origins.rememberOrigin(tx, sessionId, origin) : Uni.createFrom().voidItem());
        }));
    }

    /** The events in their stored form: raw keystroke intervals apart, kept for the retention only (KeystrokeTiming). */
    private static Encoded encode(EventBatch batch) {
        KeystrokeTiming.Split split = KeystrokeTiming.split(batch.events());
        byte[] events = EventCodec.json(split.events());
        byte[] timing = split.timingJson();
        return new Encoded(batch.seq(), batch.events().size(), events, EventCodec.deflate(events), timing,
                timing == null ? null : EventCodec.deflate(timing), timing == null ? null : BatchChain.timingHash(timing));
    }

    private Decision admit(RecordingSession s, Encoded batch) {
        return BatchAdmission.decide(new BatchAdmission.Session(s.state(), s.openedAt(), s.closedAt(), s.batchCount(),
                s.logBytes(), s.now()), (int) batch.logBytes(), admission);
    }

    private Uni<Ack> take(SqlConnection tx, RecordingSession s, Encoded batch) {
        Decision decision = admit(s, batch);
        if (decision != Decision.ACCEPT) {
            // a batch stored before the session stopped taking new ones is still a resend, not a refusal
            return batches.exists(tx, s.id(), batch.seq()).map(stored -> {
                if (stored) {
                    return duplicate(batch.seq());
                }
                throw refusal(decision, s);
            });
        }
        Instant receivedAt = s.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] hash = BatchChain.batchHash(batch.seq(), receivedAt, batch.eventsJson(), batch.timingHash());
        boolean inOrder = s.lastSeq() == null || batch.seq() > s.lastSeq();
        Uni<byte[]> digest = inOrder
                ? Uni.createFrom().item(BatchChain.link(s.digest() == null ? BatchChain.genesis(s.id()) : s.digest(), hash))
                : batches.hashes(tx, s.id()).map(stored -> slottedIn(s.id(), stored, batch.seq(), hash));
        return digest.chain(d -> d == null ? Uni.createFrom().item(duplicate(batch.seq()))
                : batches.append(tx, s.id(), batch, receivedAt, hash, d)
                        .map(added -> added ? new Ack(batch.seq(), batch.eventCount(), false) : duplicate(batch.seq())));
    }

    /** The digest with a late-arriving batch slotted in at its {@code seq}; null when that {@code seq} is already stored. */
    private static byte[] slottedIn(UUID sessionId, List<SeqHash> stored, int seq, byte[] hash) {
        List<byte[]> chain = new ArrayList<>(stored.size() + 1);
        boolean placed = false;
        for (SeqHash h : stored) {
            if (h.seq() == seq) {
                return null;
            }
            if (!placed && h.seq() > seq) {
                chain.add(hash);
                placed = true;
            }
            chain.add(h.hash());
        }
        if (!placed) {
            chain.add(hash);
        }
        return BatchChain.digest(sessionId, chain);
    }

    private Uni<WorkbenchFields> fieldsOf(SqlClient client, RecordingSession s) {
        if (s.kind() == SessionKind.REVIEW) {
            return Uni.createFrom().item(WorkbenchFields.review());
        }
        List<String> known = dimensionKeys.get(s.jobId());
        if (known != null) {
            return Uni.createFrom().item(WorkbenchFields.judgment(known));
        }
        return jobs.find(client, s.jobId()).map(job -> {
            List<String> keys = job.dimensions().stream().map(Dimension::key).toList();
            dimensionKeys.put(s.jobId(), keys);
            return WorkbenchFields.judgment(keys);
        });
    }

    private static Ack duplicate(int seq) {
        return new Ack(seq, 0, true);
    }

    private ApiProblem refusal(Decision decision, RecordingSession s) {
        return switch (decision) {
            case TOO_LATE -> ApiProblem.conflict("session-closed", "The session closed at " + s.closedAt()
                            + "; it takes batches for " + config.lateGrace().toSeconds() + " s after closing")
                    .with("closedAt", s.closedAt().toString());
            case TOO_FAST -> new ApiProblem(429, "too-many-batches", "Too many requests", "The session has sent "
                    + s.batchCount() + " batches, more than its age allows; send at most one a second").retryAfter(1);
            case LOG_FULL -> ApiProblem.conflict("session-log-full", "The session's log holds " + s.logBytes()
                    + " bytes; one session may hold at most " + config.maxLogBytes());
            case ACCEPT -> throw new IllegalArgumentException("an accepted batch is no refusal");
        };
    }

    public static ApiProblem tooLarge(int maxBytes, long bytes) {
        return new ApiProblem(413, "batch-too-large", "Payload too large", "A batch may send at most " + maxBytes
                + " bytes; this one has " + bytes).with("maxBytes", maxBytes);
    }
}
