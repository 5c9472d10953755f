-- A claim in one call: claim_slot does in the database what ClaimService did in up to eight round trips (eligible
-- jobs, BEGIN, the expert's advisory lock, the live-lease count, up to three SKIP LOCKED takes, the item read).
-- It must run inside the caller's transaction (the task, its session and the outbox event follow in the same one),
-- and stays VOLATILE: in READ COMMITTED each statement of a volatile function takes a new snapshot, so the lease count
-- that follows the lock sees every claim of this expert committed before the lock was granted (the lease cap holds
-- for the same reason as in V15). The unique indexes of V2 on task still refuse a second live assignment of a slot
-- and a second task of an expert on an item, whatever this function does.
--
-- It answers no row when the expert is eligible for no published job (of p_job, when named); otherwise one row with
-- the eligible jobs, each one's cap and the expert's live leases in it (index order), and, when a slot was leased,
-- the slot (previous_task: the task whose lease had run out, when the slot came from one), the expert's tier in its
-- job, the item's prompt and responses, and now(), the transaction's time (a work_session's default opened_at).
create function claim_slot(p_expert uuid, p_job uuid, p_task uuid, p_lease_factor int)
    returns table (
        eligible_jobs    uuid[],
        lease_caps       int[],
        live_leases      int[],
        slot_id          bigint,
        job_id           uuid,
        item_id          uuid,
        previous_task    uuid,
        lease_expires_at timestamptz,
        expert_tier      int,
        prompt           text,
        responses        text,
        claimed_at       timestamptz)
    language plpgsql volatile
as $$
#variable_conflict use_column
declare
    v_jobs      uuid[];
    v_tiers     int[];
    v_caps      int[];
    v_held      int[];
    v_claimable uuid[];
    v_lo        bigint;
    v_hi        bigint;
    v_start     bigint;
    v_slot      bigint;
    v_job       uuid;
    v_item      uuid;
    v_previous  uuid;
    v_expiry    timestamptz;
begin
    select array_agg(j.id order by j.id), array_agg(d.tier order by j.id), array_agg(j.max_leases_per_expert order by j.id)
    into v_jobs, v_tiers, v_caps
    from job j
    join expert_domain d on d.domain = j.domain and d.expert_id = p_expert and d.tier >= j.min_tier
    where j.status = 'PUBLISHED' and (p_job is null or j.id = p_job);
    if v_jobs is null then
        return;
    end if;

    -- One expert's claims take turns until their transactions end (a 64-bit hash of the id: a collision only
    -- serialises more); other experts' claims never wait for it.
    perform pg_advisory_xact_lock(hashtextextended('claim:' || p_expert::text, 0));

    -- Live leases (LEASED, not run out) per eligible job: a new snapshot, taken after the lock was granted.
    select array_agg(coalesce(l.n, 0) order by e.ord)
    into v_held
    from unnest(v_jobs) with ordinality as e (id, ord)
    left join (select t.job_id, count(*)::int as n
               from task t
               where t.expert_id = p_expert and t.state = 'LEASED' and t.lease_expires_at > now()
                 and t.job_id = any (v_jobs)
               group by t.job_id) l on l.job_id = e.id;

    select array_agg(e.id) into v_claimable
    from unnest(v_jobs, v_caps, v_held) as e (id, cap, held)
    where e.held < e.cap;

    eligible_jobs := v_jobs;
    lease_caps := v_caps;
    live_leases := v_held;
    if v_claimable is null then
        return next;
        return;
    end if;

    -- Open slots from a random start to the end, then from the beginning to the start, so that concurrent claimers
    -- spread over the job instead of all skipping the same locked rows; then slots whose lease ran out.
    select min(lo), max(hi) into v_lo, v_hi
    from unnest(v_claimable) as c (id),
         lateral (select (select min(s.id) from item_slot s where s.job_id = c.id and s.state = 'OPEN') as lo,
                         (select max(s.id) from item_slot s where s.job_id = c.id and s.state = 'OPEN') as hi) x;
    if v_lo is not null then
        v_start := v_lo + floor(random() * (v_hi - v_lo + 1))::bigint;
        with candidate as (
            select s.id
            from item_slot s
            where s.job_id = any (v_claimable) and s.state = 'OPEN' and s.id >= v_start
              and not exists (select 1 from task t where t.item_id = s.item_id and t.expert_id = p_expert
                                                     and t.state not in ('RELEASED', 'EXPIRED'))
            order by s.job_id, s.id
            limit 1
            for update of s skip locked)
        update item_slot s
        set state = 'LEASED', task_id = p_task,
            lease_expires_at = now() + make_interval(mins => j.expected_minutes_per_item * p_lease_factor)
        from candidate c, job j
        where s.id = c.id and j.id = s.job_id
        returning s.id, s.job_id, s.item_id, null::uuid, s.lease_expires_at
        into v_slot, v_job, v_item, v_previous, v_expiry;
        if v_slot is null then
            with candidate as (
                select s.id
                from item_slot s
                where s.job_id = any (v_claimable) and s.state = 'OPEN' and s.id < v_start
                  and not exists (select 1 from task t where t.item_id = s.item_id and t.expert_id = p_expert
                                                         and t.state not in ('RELEASED', 'EXPIRED'))
                order by s.job_id, s.id
                limit 1
                for update of s skip locked)
            update item_slot s
            set state = 'LEASED', task_id = p_task,
                lease_expires_at = now() + make_interval(mins => j.expected_minutes_per_item * p_lease_factor)
            from candidate c, job j
            where s.id = c.id and j.id = s.job_id
            returning s.id, s.job_id, s.item_id, null::uuid, s.lease_expires_at
        into v_slot, v_job, v_item, v_previous, v_expiry;
        end if;
    end if;
    if v_slot is null then
        with candidate as (
            select s.id, s.task_id as previous_task
            from item_slot s
            where s.state = 'LEASED' and s.lease_expires_at < now() and s.job_id = any (v_claimable)
              and not exists (select 1 from task t where t.item_id = s.item_id and t.expert_id = p_expert
                                                     and t.state not in ('RELEASED', 'EXPIRED'))
            order by s.lease_expires_at
            limit 1
            for update of s skip locked)
        update item_slot s
        set state = 'LEASED', task_id = p_task,
            lease_expires_at = now() + make_interval(mins => j.expected_minutes_per_item * p_lease_factor)
        from candidate c, job j
        where s.id = c.id and j.id = s.job_id
        returning s.id, s.job_id, s.item_id, c.previous_task, s.lease_expires_at
        into v_slot, v_job, v_item, v_previous, v_expiry;
    end if;
    if v_slot is null then
        return next;
        return;
    end if;

    select i.prompt, i.responses::text into prompt, responses from item i where i.id = v_item;
    slot_id := v_slot;
    job_id := v_job;
    item_id := v_item;
    previous_task := v_previous;
    lease_expires_at := v_expiry;
    expert_tier := v_tiers[array_position(v_jobs, v_job)];
    claimed_at := now();
    return next;
end
$$;
