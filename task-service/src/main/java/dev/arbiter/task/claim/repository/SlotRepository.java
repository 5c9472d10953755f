package dev.arbiter.task.claim.repository;

import static dev.arbiter.task.db.Sql.in;
import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.SlotState;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.job.model.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
     * The published jobs an expert may claim in, with the expert's tier in each, each job's cap on live leases per
     * expert, and the id range of their open slots.
     */
    public record EligibleJobs(Map<UUID, Integer> tiers, Map<UUID, Integer> leaseCaps, long lowestOpenSlot,
                               long highestOpenSlot) {

        public boolean hasOpenSlots() {
            return lowestOpenSlot <= highestOpenSlot;
        }
    }

    /** A slot just leased; {@code previousTask} is the task whose lease had run out, if the slot was taken from one. */
    public record LeasedSlot(long id, UUID jobId, UUID itemId, UUID previousTask, OffsetDateTime leaseExpiresAt) {
    }

    private static final String ELIGIBLE_JOBS = "select j.id as job_id, d.tier, j.max_leases_per_expert, "
            + "(select min(s.id) from item_slot s where s.job_id = j.id and s.state = " + is(SlotState.OPEN) + ") as lowest, "
            + "(select max(s.id) from item_slot s where s.job_id = j.id and s.state = " + is(SlotState.OPEN) + ") as highest "
            + "from job j join expert_domain d on d.domain = j.domain and d.expert_id = $1 and d.tier >= j.min_tier "
            + "where j.status = " + is(JobStatus.PUBLISHED) + " and ($2::uuid is null or j.id = $2)";

    /** The expert holds no live task on the slot's item (a released or expired one does not count). */
    private static final String NOT_HELD_BY_EXPERT = "not exists (select 1 from task t where t.item_id = s.item_id "
            + "and t.expert_id = $2 and t.state not in " + in(TaskState.RELEASED, TaskState.EXPIRED) + ")";

    private static final String LEASE = """
            update item_slot s
            set state = %s, task_id = $3,
                lease_expires_at = now() + make_interval(mins => j.expected_minutes_per_item * $4)
            from candidate c, job j
            where s.id = c.id and j.id = s.job_id
            returning s.id, s.job_id, s.item_id, c.previous_task, s.lease_expires_at""".formatted(is(SlotState.LEASED));

    /** Locks one open slot with an id in [$5, $6) on an item the expert does not hold, and leases it. */
    private static final String TAKE_OPEN = """
            with candidate as (
                select s.id, null::uuid as previous_task
                from item_slot s
                where s.job_id = any($1) and s.state = %s and s.id >= $5 and s.id < $6 and %s
                order by s.job_id, s.id
                limit 1
                for update of s skip locked)
            """.formatted(is(SlotState.OPEN), NOT_HELD_BY_EXPERT) + LEASE;

    /** The same for a slot whose lease ran out before the sweep returned it. */
    private static final String TAKE_EXPIRED = """
            with candidate as (
                select s.id, s.task_id as previous_task
                from item_slot s
                where s.state = %s and s.lease_expires_at < now() and s.job_id = any($1) and %s
                order by s.lease_expires_at
                limit 1
                for update of s skip locked)
            """.formatted(is(SlotState.LEASED), NOT_HELD_BY_EXPERT) + LEASE;

    /** A transaction-scoped advisory lock on the expert (a 64-bit hash of their id; a collision only serialises more). */
    private static final String LOCK_CLAIMS = "select pg_advisory_xact_lock(hashtextextended('claim:' || $1, 0))::text";

    private static final String LIVE_LEASES = "select job_id, count(*)::int as leases from task "
            + "where expert_id = $1 and state = " + is(TaskState.LEASED) + " and lease_expires_at > now() and job_id = any($2) "
            + "group by job_id";

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
     * Serialises this expert's claims until the transaction ends (other experts' claims never wait for it): what
     * {@link #liveLeases} reads after it cannot change before the claim commits, because only a claim adds a lease.
     */
    public Uni<Void> lockClaimsOf(SqlClient tx, UUID expertId) {
        return tx.preparedQuery(LOCK_CLAIMS).execute(Tuple.of(expertId.toString())).replaceWithVoid();
    }

    /** The expert's live leases (leased, not yet run out) per job among {@code jobIds}; jobs with none are absent. */
    public Uni<Map<UUID, Integer>> liveLeases(SqlClient tx, UUID expertId, UUID[] jobIds) {
        return tx.preparedQuery(LIVE_LEASES).execute(Tuple.of(expertId, jobIds)).map(rows -> {
            Map<UUID, Integer> held = new HashMap<>();
            rows.forEach(r -> held.put(r.getUUID("job_id"), r.getInteger("leases")));
            return held;
        });
    }

    public Uni<EligibleJobs> eligibleJobs(SqlClient client, UUID expertId, UUID jobId) {
        return client.preparedQuery(ELIGIBLE_JOBS).execute(Tuple.of(expertId, jobId)).map(rows -> {
            Map<UUID, Integer> tiers = new HashMap<>();
            Map<UUID, Integer> caps = new HashMap<>();
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (Row r : rows) {
                tiers.put(r.getUUID("job_id"), r.getInteger("tier"));
                caps.put(r.getUUID("job_id"), r.getInteger("max_leases_per_expert"));
                if (r.getLong("lowest") != null) {
                    lo = Math.min(lo, r.getLong("lowest"));
                    hi = Math.max(hi, r.getLong("highest"));
                }
            }
            return new EligibleJobs(tiers, caps, lo, hi);
        });
    }

    /** Leases an open slot of one of the jobs with an id in [from, to), for {@code leaseFactor} × the job's expected minutes. */
    public Uni<LeasedSlot> takeOpen(SqlClient tx, UUID[] jobIds, UUID expertId, UUID taskId, int leaseFactor, long from, long to) {
        return tx.preparedQuery(TAKE_OPEN).execute(Tuple.from(List.of(jobIds, expertId, taskId, leaseFactor, from, to)))
                .map(SlotRepository::leased);
    }

    /** Leases a slot whose lease ran out. */
    public Uni<LeasedSlot> takeExpired(SqlClient tx, UUID[] jobIds, UUID expertId, UUID taskId, int leaseFactor) {
        return tx.preparedQuery(TAKE_EXPIRED).execute(Tuple.of(jobIds, expertId, taskId, leaseFactor))
                .map(SlotRepository::leased);
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

    private static LeasedSlot leased(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new LeasedSlot(r.getLong("id"), r.getUUID("job_id"), r.getUUID("item_id"), r.getUUID("previous_task"),
                r.getOffsetDateTime("lease_expires_at"));
    }
}
