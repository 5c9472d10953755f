package dev.arbiter.task.claim.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.claim.rest.TaskApi.ItemView;
import dev.arbiter.task.claim.rest.TaskApi.JobBrief;
import dev.arbiter.task.claim.rest.TaskApi.LabelledResponse;
import dev.arbiter.task.claim.rest.TaskApi.TaskView;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.job.service.Actor;
import dev.arbiter.task.job.service.JobRepository;
import dev.arbiter.task.job.service.JobRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who gets which item slot. PostgreSQL settles every race: a claim locks one claimable slot with
 * {@code FOR UPDATE SKIP LOCKED} (so concurrent claimers never wait for, nor take, the same row), and
 * the partial unique indexes on {@code task} refuse a second live assignment of a slot or a second
 * assignment of an item to the same expert.
 */
@ApplicationScoped
public class ClaimService {

    /** Published jobs the expert may work on, the expert's tier in each, and the range of their open slots. */
    private static final String ELIGIBLE_JOBS = "select j.id, d.tier, "
            + "(select min(s.id) from item_slot s where s.job_id = j.id and s.state = 'OPEN'), "
            + "(select max(s.id) from item_slot s where s.job_id = j.id and s.state = 'OPEN') "
            + "from job j join expert_domain d on d.domain = j.domain "
            + "and d.expert_id = $1 and d.tier >= j.min_tier where j.status = 'PUBLISHED' and ($2::uuid is null or j.id = $2)";

    private static final String LEASE = """
            update item_slot s
            set state = 'LEASED', task_id = $3,
                lease_expires_at = now() + make_interval(mins => j.expected_minutes_per_item * $4)
            from candidate c, job j
            where s.id = c.id and j.id = s.job_id
            returning s.id, s.job_id, s.item_id, c.previous_task, s.lease_expires_at""";

    /** Locks one open slot with an id in [$5, $6) on an item the expert does not hold, and leases it. */
    private static final String TAKE_OPEN_SLOT = """
            with candidate as (
                select s.id, null::uuid as previous_task
                from item_slot s
                where s.job_id = any($1) and s.state = 'OPEN' and s.id >= $5 and s.id < $6
                  and not exists (select 1 from task t where t.item_id = s.item_id and t.expert_id = $2
                                  and t.state not in ('RELEASED', 'EXPIRED'))
                order by s.job_id, s.id
                limit 1
                for update of s skip locked)
            """ + LEASE;

    /** The same for a slot whose lease ran out before the sweep returned it. */
    private static final String TAKE_EXPIRED_SLOT = """
            with candidate as (
                select s.id, s.task_id as previous_task
                from item_slot s
                where s.state = 'LEASED' and s.lease_expires_at < now() and s.job_id = any($1)
                  and not exists (select 1 from task t where t.item_id = s.item_id and t.expert_id = $2
                                  and t.state not in ('RELEASED', 'EXPIRED'))
                order by s.lease_expires_at
                limit 1
                for update of s skip locked)
            """ + LEASE;


    /** The task and its work session, in one round trip. */
    private static final String OPEN_TASK = """
            with task as (
                insert into task (id, slot_id, job_id, item_id, expert_id, expert_tier, state, response_order, lease_expires_at)
                values ($1, $2, $3, $4, $5, $6, 'LEASED', $7::text::jsonb, $8) returning id, expert_id, job_id)
            insert into work_session (id, task_id, expert_id, job_id) select $9, id, expert_id, job_id from task""";

    private final java.util.concurrent.ConcurrentMap<UUID, JobRow> briefs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Pool pool;
    private final JobRepository jobs;
    private final ObjectMapper json;
    private final TaskConfig config;
    private final LeaseSweeper sweeper;

    public ClaimService(Pool pool, JobRepository jobs, ObjectMapper json, TaskConfig config, LeaseSweeper sweeper) {
        this.sweeper = sweeper;
        this.pool = pool;
        this.jobs = jobs;
        this.config = config;
        this.json = json;
    }

    /** One item slot for the expert, or null when no eligible job has one left for them. */
    public Uni<TaskView> claim(Actor actor, UUID jobId) {
        return checkJob(actor, jobId)
                .chain(() -> pool.preparedQuery(ELIGIBLE_JOBS).execute(Tuple.of(actor.id(), jobId)))
                .chain(rows -> {
                    Map<UUID, Integer> tiers = new HashMap<>();
                    long lo = Long.MAX_VALUE;
                    long hi = Long.MIN_VALUE;
                    for (Row r : rows) {
                        tiers.put(r.getUUID(0), r.getInteger(1));
                        if (r.getLong(2) != null) {
                            lo = Math.min(lo, r.getLong(2));
                            hi = Math.max(hi, r.getLong(3));
                        }
                    }
                    long start = lo > hi ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(lo, hi + 1);
                    if (tiers.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    // The same expert claiming twice at once may race for two slots of one item: the unique
                    // index refuses the second, and trying again sees the first.
                    return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> take(tx, actor.id(), tiers, start)))
                            .onFailure(ClaimService::isUniqueViolation).retry().atMost(3);
                });
    }

    private static boolean isUniqueViolation(Throwable t) {
        return t instanceof io.vertx.pgclient.PgException e && "23505".equals(e.getSqlState());
    }

    /** A claim naming a job explains why it cannot be served: absent, not open, or not for this expert. */
    private Uni<Void> checkJob(Actor actor, UUID jobId) {
        if (jobId == null) {
            return Uni.createFrom().voidItem();
        }
        return jobs.find(jobId).chain(job -> {
            if (job == null || "DRAFT".equals(job.status())) {
                throw ApiProblem.notFound("Job", jobId);
            }
            if (!job.isPublished()) {
                throw ApiProblem.conflict("job-not-open", "The job is " + job.status() + " and takes no claims");
            }
            return pool.preparedQuery("select tier from expert_domain where expert_id = $1 and domain = $2")
                    .execute(Tuple.of(actor.id(), job.domain())).map(rows -> {
                        if (rows.size() == 0 || rows.iterator().next().getInteger(0) < job.minTier()) {
                            throw ApiProblem.forbidden("The job needs a qualification in " + job.domain()
                                    + " at tier " + job.minTier() + " or above");
                        }
                        return null;
                    });
        });
    }

    /**
     * Tries the open slots from a random start to the end, then from the beginning to the start, then
     * slots whose lease ran out.
     */
    private Uni<TaskView> take(SqlConnection tx, UUID expertId, Map<UUID, Integer> tiers, long start) {
        UUID taskId = UUID.randomUUID();
        UUID[] jobIds = tiers.keySet().toArray(UUID[]::new);
        int lease = config.leaseFactor();
        return tx.preparedQuery(TAKE_OPEN_SLOT).execute(Tuple.from(List.of(jobIds, expertId, taskId, lease, start, Long.MAX_VALUE)))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(rows) : tx.preparedQuery(TAKE_OPEN_SLOT)
                        .execute(Tuple.from(List.of(jobIds, expertId, taskId, lease, Long.MIN_VALUE, start))))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(rows) : tx.preparedQuery(TAKE_EXPIRED_SLOT)
                        .execute(Tuple.of(jobIds, expertId, taskId, lease)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row slot = rows.iterator().next();
                    UUID previous = slot.getUUID(3);
                    Uni<Void> expirePrevious = previous == null ? Uni.createFrom().voidItem() : sweeper.expire(tx, previous);
                    return expirePrevious.chain(() -> open(tx, taskId, expertId, slot, tiers.get(slot.getUUID(1))));
                });
    }

    private Uni<TaskView> open(SqlConnection tx, UUID taskId, UUID expertId, Row slot, int tier) {
        long slotId = slot.getLong(0);
        UUID jobId = slot.getUUID(1);
        UUID itemId = slot.getUUID(2);
        UUID sessionId = UUID.randomUUID();
        return brief(tx, jobId).chain(job -> tx.preparedQuery("select prompt, responses::text from item where id = $1")
                .execute(Tuple.of(itemId)).chain(items -> {
                    Row item = items.iterator().next();
                    List<String> ids = new ArrayList<>();
                    Map<String, String> texts = new HashMap<>();
                    read(item.getString(1)).forEach(r -> {
                        ids.add(r.get("id").asText());
                        texts.put(r.get("id").asText(), r.get("text").asText());
                    });
                    List<String> order = ResponseShuffle.orderFor(taskId, ids);
                    return tx.preparedQuery(OPEN_TASK)
                            .execute(Tuple.from(List.of(taskId, slotId, jobId, itemId, expertId, tier, write(order),
                                    slot.getOffsetDateTime(4), sessionId)))
                            .map(x -> new TaskView(taskId, sessionId, "LEASED", slot.getOffsetDateTime(4).toInstant(), brief(job),
                                    labelled(item.getString(0), order, texts), null, null));
                }));
    }

    /** The job as a task shows it; what a brief holds never changes after creation, so it is kept once read. */
    private Uni<JobRow> brief(SqlConnection tx, UUID jobId) {
        JobRow known = briefs.get(jobId);
        return known != null ? Uni.createFrom().item(known) : jobs.find(tx, jobId).invoke(job -> briefs.put(jobId, job));
    }

    public static JobBrief brief(JobRow job) {
        return new JobBrief(job.id(), job.title(), job.instructions(), job.dimensions(), job.comparison(), job.minRationaleLength());
    }

    public static ItemView labelled(String prompt, List<String> order, Map<String, String> texts) {
        List<LabelledResponse> responses = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            responses.add(new LabelledResponse(ResponseShuffle.label(i), texts.get(order.get(i))));
        }
        return new ItemView(prompt, responses);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
