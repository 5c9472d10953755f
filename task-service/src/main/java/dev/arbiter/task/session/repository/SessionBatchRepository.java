package dev.arbiter.task.session.repository;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.KeystrokeTiming;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.SessionState;
import dev.arbiter.task.session.model.StoredBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code session_batch} table: a session's recorded log, append-only. */
@ApplicationScoped
public class SessionBatchRepository {

    /** A stored batch's number and the hash written at receipt: all the chain needs. */
    public record SeqHash(int seq, byte[] hash) {
    }

    /**
     * The batch and the session's log counters in one statement: a batch is stored together with the
     * digest that now ends the session's chain, or not at all. False when the {@code seq} was already
     * stored (the primary key decides, whatever the caller checked). {@code log_bytes} counts the
     * events' JSON and the raw timing's, about what the expert's browser sent, not what it deflates to.
     * The raw keystroke timing ({@code timing}, deflated like the events) and its hash are null for a batch
     * without key events.
     */
    private static final String APPEND = "with added as (insert into session_batch "
            + "(session_id, seq, received_at, event_count, events, batch_hash, timing, timing_hash) "
            + "values ($1, $2, $3, $4, $5, $6, $9, $10) "
            + "on conflict (session_id, seq) do nothing returning seq) "
            + "update work_session set digest = $7, batch_count = batch_count + 1, event_count = event_count + $4, "
            + "last_seq = greatest(coalesce(last_seq, -1), $2), log_bytes = log_bytes + $8 "
            + "where id = $1 and exists (select 1 from added)";

    public Uni<Boolean> append(SqlClient tx, UUID sessionId, Encoded batch, Instant receivedAt, byte[] batchHash,
                               byte[] digest) {
        return tx.preparedQuery(APPEND).execute(Tuple.from(Arrays.asList(sessionId, batch.seq(),
                        receivedAt.atOffset(ZoneOffset.UTC), batch.eventCount(), Buffer.buffer(batch.deflatedEvents()),
                        Buffer.buffer(batchHash), Buffer.buffer(digest), batch.logBytes(),
                        batch.deflatedTiming() == null ? null : Buffer.buffer(batch.deflatedTiming()),
                        batch.timingHash() == null ? null : Buffer.buffer(batch.timingHash()))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * {@link #APPEND}, but only onto the log as the caller read it: the session row is locked within the
     * statement and must still be open with the same digest (every stored batch changes the digest, so the
     * same digest means the same batches, count, size and last {@code seq}). One statement outside any
     * transaction: PostgreSQL runs it as one, so the batch and the counters are stored together or not at
     * all, with one commit. False when anything changed meanwhile (another batch, the close) or the
     * {@code seq} was stored: the caller then takes the locked path, which decides what it is.
     */
    private static final String APPEND_IF_UNCHANGED = "with s as (select id from work_session where id = $1 and state = "
            + Sql.is(SessionState.OPEN) + " and digest is not distinct from $11 for update), "
            + "added as (insert into session_batch "
            + "(session_id, seq, received_at, event_count, events, batch_hash, timing, timing_hash) "
            + "select $1, $2, $3, $4, $5, $6, $9, $10 from s "
            + "on conflict (session_id, seq) do nothing returning seq) "
            + "update work_session set digest = $7, batch_count = batch_count + 1, event_count = event_count + $4, "
            + "last_seq = greatest(coalesce(last_seq, -1), $2), log_bytes = log_bytes + $8 "
            + "where id = $1 and exists (select 1 from added)";

    /** A batch ready to store: its events' canonical JSON and raw timing, deflated, and the hashes. */
    public record Encoded(int seq, int eventCount, byte[] eventsJson, byte[] deflatedEvents, byte[] timingJson,
                          byte[] deflatedTiming, byte[] timingHash) {

        /** What {@code log_bytes} counts: the events' JSON and the raw timing's, about what the browser sent. */
        public long logBytes() {
            return eventsJson.length + (timingJson == null ? 0L : timingJson.length);
        }
    }

    public Uni<Boolean> appendIfUnchanged(SqlClient client, UUID sessionId, Encoded batch, Instant receivedAt,
                                          byte[] batchHash, byte[] digest, byte[] readDigest) {
        return client.preparedQuery(APPEND_IF_UNCHANGED).execute(Tuple.from(Arrays.asList(sessionId, batch.seq(),
                        receivedAt.atOffset(ZoneOffset.UTC), batch.eventCount(), Buffer.buffer(batch.deflatedEvents()),
                        Buffer.buffer(batchHash), Buffer.buffer(digest), batch.logBytes(),
                        batch.deflatedTiming() == null ? null : Buffer.buffer(batch.deflatedTiming()),
                        batch.timingHash() == null ? null : Buffer.buffer(batch.timingHash()),
                        readDigest == null ? null : Buffer.buffer(readDigest))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Drops the raw keystroke timing of up to {@code limit} batches received before {@code cutoff}, oldest
     * first; how many. The only change the append-only trigger lets through (V11); the summaries in the
     * events, the timing hash and the batch hash stay, so the chain still verifies.
     */
    public Uni<Integer> dropTimingReceivedBefore(SqlClient tx, Instant cutoff, int limit) {
        return tx.preparedQuery("update session_batch b set timing = null from (select session_id, seq from session_batch "
                        + "where timing is not null and received_at < $1 order by received_at limit $2 for update skip locked) due "
                        + "where b.session_id = due.session_id and b.seq = due.seq")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit)).map(rows -> rows.rowCount());
    }

    /** Every stored batch's hash, in {@code seq} order. */
    public Uni<List<SeqHash>> hashes(SqlClient client, UUID sessionId) {
        return client.preparedQuery("select seq, batch_hash from session_batch where session_id = $1 order by seq")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<SeqHash> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SeqHash(r.getInteger("seq"), WorkSessionRepository.bytes(r, "batch_hash"))));
                    return out;
                });
    }

    public Uni<Boolean> exists(SqlClient client, UUID sessionId, int seq) {
        return client.preparedQuery("select 1 from session_batch where session_id = $1 and seq = $2")
                .execute(Tuple.of(sessionId, seq)).map(rows -> rows.size() > 0);
    }

    /** Every batch with its events' JSON, in {@code seq} order. */
    public Uni<List<StoredBatch>> stored(SqlClient client, UUID sessionId) {
        return client.preparedQuery("select seq, received_at, event_count, events, batch_hash, timing, timing_hash from session_batch "
                        + "where session_id = $1 order by seq")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<StoredBatch> out = new ArrayList<>();
                    rows.forEach(r -> out.add(stored(r)));
                    return out;
                });
    }

    /**
     * Every batch read back as typed events, in {@code seq} order. A batch whose bytes no longer decode
     * (changed behind the service's back) reads as empty: the timeline and active time go on without it,
     * and verification names it. Key events carry their raw intervals while those are kept, and their
     * {@code timing} summary always (batches stored before the split: their raw intervals only).
     */
    public Uni<List<RecordedBatch>> recorded(SqlClient client, UUID sessionId) {
        return stored(client, sessionId).map(SessionBatchRepository::decode);
    }

    public static List<RecordedBatch> decode(List<StoredBatch> stored) {
        List<RecordedBatch> out = new ArrayList<>(stored.size());
        for (StoredBatch b : stored) {
            out.add(EventCodec.events(b.eventsJson())
                    .map(events -> new RecordedBatch(b.seq(), b.receivedAt(), KeystrokeTiming.merge(events, b.timingJson())))
                    .orElseGet(() -> new RecordedBatch(b.seq(), b.receivedAt(), List.of())));
        }
        return out;
    }

    private static StoredBatch stored(Row r) {
        byte[] json = EventCodec.inflate(WorkSessionRepository.bytes(r, "events")).orElse(new byte[0]);
        byte[] timing = WorkSessionRepository.bytes(r, "timing");
        byte[] timingJson = timing == null ? null : EventCodec.inflate(timing).orElse(new byte[0]);
        return new StoredBatch(r.getInteger("seq"), r.getOffsetDateTime("received_at").toInstant(), r.getInteger("event_count"),
                json, WorkSessionRepository.bytes(r, "batch_hash"), timingJson, WorkSessionRepository.bytes(r, "timing_hash"));
    }
}
