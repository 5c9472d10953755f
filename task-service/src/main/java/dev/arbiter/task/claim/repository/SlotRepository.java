package dev.arbiter.task.claim.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.SlotState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the {@code item_slot} table. PostgreSQL settles every race: a claim locks one claimable
 * slot with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never wait for, nor take, the same row.
 */
@ApplicationScoped
public class SlotRepository {

    /**
     * What {@code claim_slot} (V16) answers for an eligible expert: the eligible jobs with each one's cap on live leases
     * per expert and the expert's live leases in it, counted with the expert's claims serialised; and the slot it
     * leased, or null when none was left for them.
     */
    public record Claim(Map<UUID, Integer> leaseCaps, Map<UUID, Integer> liveLeases, LeasedSlot slot) {
    }

    /**
     * A slot just leased, with what the claim needs to open its task: the expert's tier in the job, the item's prompt
     * and responses (its {@code responses} column as JSON text), and {@code claimedAt}, the transaction's
     * {@code now()}. {@code previousTask} is the task whose lease had run out, if the slot was taken from one.
     */
    public record LeasedSlot(long id, UUID jobId, UUID itemId, UUID previousTask, OffsetDateTime leaseExpiresAt, int tier,
                             String prompt, String responses, OffsetDateTime claimedAt) {
    }

    /**
     * One call does the claim's reading and locking (V16 {@code claim_slot}): eligible jobs, the expert's advisory lock,
     * their live leases, and one slot of a job under its cap, open ones from a random start, then expired ones, locked
     * with {@code FOR UPDATE SKIP LOCKED} and leased.
     */
    private static final String CLAIM = "select eligible_jobs, lease_caps, live_leases, slot_id, job_id, item_id, "
            + "previous_task, lease_expires_at, expert_tier, prompt, responses, claimed_at from claim_slot($1, $2, $3, $4)";

    private static final String SWEEP = """
            with expired as (
                select id, task_id from item_slot
                where state = %s and lease_expires_at < now()
                order by lease_expires_at limit $1
                for update skip locked)
            update item_slot s set state = %s, task_id = null, lease_expires_at = null
            from expired e where s.id = e.id
            returning e.task_id""".formatted(is(SlotState.LEASED), is(SlotState.OPEN));

    /**
     * Leases a slot for {@code taskId} (for {@code leaseFactor} × the job's expected minutes) within the caller's
     * transaction, which then holds the expert's claim lock until it ends; null when the expert is eligible for no
     * published job ({@code jobId}, when named).
     */
    public Uni<Claim> claim(SqlClient tx, UUID expertId, UUID jobId, UUID taskId, int leaseFactor) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(expertId, jobId, taskId, leaseFactor)).map(rows -> {
            Row r = rows.size() == 0 ? null : rows.iterator().next();
            if (r == null) {
                return null;
            }
            UUID[] jobs = r.getArrayOfUUIDs("eligible_jobs");
            Integer[] caps = r.getArrayOfIntegers("lease_caps");
            Integer[] held = r.getArrayOfIntegers("live_leases");
            Map<UUID, Integer> capOf = new HashMap<>();
            Map<UUID, Integer> heldOf = new HashMap<>();
            for (int i = 0; i < jobs.length; i++) {
                capOf.put(jobs[i], caps[i]);
                heldOf.put(jobs[i], held[i]);
            }
            LeasedSlot slot = r.getLong("slot_id") == null ? null : new LeasedSlot(r.getLong("slot_id"), r.getUUID("job_id"),
                    r.getUUID("item_id"), r.getUUID("previous_task"), r.getOffsetDateTime("lease_expires_at"),
                    r.getInteger("expert_tier"), r.getString("prompt"), r.getString("responses"),
                    r.getOffsetDateTime("claimed_at"));
            return new Claim(capOf, heldOf, slot);
        });
    }

    /** Returns up to {@code limit} slots of expired leases to OPEN; the tasks that held them. */
    public Uni<List<UUID>> sweepExpired(SqlClient tx, int limit) {
        return tx.preparedQuery(SWEEP).execute(Tuple.of(limit)).map(rows -> {
            List<UUID> tasks = new ArrayList<>();
            rows.forEach(r -> tasks.add(r.getUUID("task_id")));
            return tasks;
        });
    }

    /** Gives the slot back to the open pool, if this task still holds it. */
    public Uni<Void> reopen(SqlClient tx, long slotId, UUID taskId) {
        return tx.preparedQuery("update item_slot set state = " + is(SlotState.OPEN) + ", task_id = null, lease_expires_at = null "
                + "where id = $1 and task_id = $2").execute(Tuple.of(slotId, taskId)).replaceWithVoid();
    }

    /** The slot holds a submitted judgment. */
    public Uni<Void> markDone(SqlClient tx, long slotId, UUID taskId) {
        return tx.preparedQuery("update item_slot set state = " + is(SlotState.DONE) + ", lease_expires_at = null "
                + "where id = $1 and task_id = $2").execute(Tuple.of(slotId, taskId)).replaceWithVoid();
    }
}
