-- Jobs, items and the assignment of item slots to experts. Contention is settled by PostgreSQL:
-- a claim locks one claimable slot row with FOR UPDATE SKIP LOCKED, and the partial unique
-- indexes on task make a double assignment impossible whatever the application does.

create table job (
    id                       uuid primary key,
    organization_id          uuid        not null,
    created_by               uuid        not null,
    title                    text        not null,
    domain                   text        not null,
    instructions             text        not null,
    comparison               text        not null check (comparison in ('PAIRWISE', 'RANK')),
    dimensions               jsonb       not null,
    judgments_per_item       int         not null check (judgments_per_item between 1 and 10),
    min_tier                 int         not null check (min_tier between 1 and 3),
    hourly_rate_minor        bigint      not null check (hourly_rate_minor > 0),
    currency                 text        not null,
    expected_minutes_per_item int        not null check (expected_minutes_per_item between 1 and 600),
    budget_minor             bigint      not null check (budget_minor >= 0),
    min_rationale_length     int         not null check (min_rationale_length between 0 and 2000),
    spot_check_percent       int         not null check (spot_check_percent between 0 and 100),
    status                   text        not null check (status in ('DRAFT', 'PUBLISHED', 'PAUSED', 'COMPLETED')),
    item_count               int         not null default 0,
    created_at               timestamptz not null default now()
);
create index job_of_organization on job (organization_id, created_at desc);
create index job_published_by_domain on job (domain) where status = 'PUBLISHED';

create table item (
    id           uuid primary key,
    job_id       uuid        not null references job (id),
    line_no      int         not null,
    external_id  text,
    prompt       text        not null,
    -- [{id, text, model?}] in the lab's order; experts see them shuffled per task
    responses    jsonb       not null,
    -- original response ids, best first
    gold_ranking jsonb,
    created_at   timestamptz not null default now()
);
create index item_of_job on item (job_id, line_no);

-- One row per judgment an item needs. OPEN slots are claimable; LEASED ones are claimable again
-- once their lease expired; DONE ones hold a submitted judgment.
create table item_slot (
    id               bigserial primary key,
    job_id           uuid        not null references job (id),
    item_id          uuid        not null references item (id),
    slot_index       int         not null,
    state            text        not null default 'OPEN' check (state in ('OPEN', 'LEASED', 'DONE')),
    task_id          uuid,
    lease_expires_at timestamptz,
    unique (item_id, slot_index),
    check ((state = 'OPEN') = (task_id is null)),
    check ((state = 'LEASED') = (lease_expires_at is not null))
);
create index item_slot_claimable on item_slot (job_id, id) where state <> 'DONE';
create index item_slot_leased on item_slot (lease_expires_at) where state = 'LEASED';

create table task (
    id               uuid primary key,
    slot_id          bigint      not null references item_slot (id),
    job_id           uuid        not null references job (id),
    item_id          uuid        not null references item (id),
    expert_id        uuid        not null,
    expert_tier      int         not null,
    state            text        not null check (state in ('LEASED', 'RELEASED', 'EXPIRED', 'SUBMITTED', 'REVISION', 'ACCEPTED', 'REJECTED')),
    -- original response ids in label order: the first is shown as A, the second as B…
    response_order   jsonb       not null,
    lease_expires_at timestamptz not null,
    draft            jsonb,
    feedback         jsonb,
    claimed_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
-- A slot has at most one live or kept assignment: never two live leases, never more judgments than asked.
create unique index task_one_per_slot on task (slot_id) where state in ('LEASED', 'SUBMITTED', 'REVISION', 'ACCEPTED');
-- An expert works on an item at most once (a rejected judgment still counts).
create unique index task_one_per_item_and_expert on task (item_id, expert_id) where state not in ('RELEASED', 'EXPIRED');
create index task_of_expert on task (expert_id, claimed_at desc);

create table work_session (
    id        uuid primary key,
    task_id   uuid        not null references task (id),
    expert_id uuid        not null,
    job_id    uuid        not null,
    opened_at timestamptz not null default now(),
    closed_at timestamptz,
    close_reason text
);
create index work_session_of_task on work_session (task_id);
create unique index work_session_one_open_per_task on work_session (task_id) where closed_at is null;

create table judgment (
    id                  uuid primary key,
    task_id             uuid        not null unique references task (id),
    job_id              uuid        not null references job (id),
    item_id             uuid        not null references item (id),
    expert_id           uuid        not null,
    expert_tier         int         not null,
    state               text        not null check (state in ('SUBMITTED', 'REVISION', 'ACCEPTED', 'REJECTED', 'DISPUTED')),
    -- everything below is in original response ids, never labels
    ranking             jsonb       not null,
    preference_strength int,
    scores              jsonb       not null,
    rationales          jsonb       not null,
    critiques           jsonb       not null,
    overall_rationale   text        not null,
    gold_correct        boolean,
    spot_check          boolean     not null default false,
    submitted_at        timestamptz not null default now(),
    decided_at          timestamptz
);
create index judgment_to_review on judgment (submitted_at) where state in ('SUBMITTED', 'DISPUTED') or spot_check;
create index judgment_of_job on judgment (job_id, state);

create table review (
    id          uuid primary key,
    judgment_id uuid        not null references judgment (id),
    reviewer_id uuid        not null,
    kind        text        not null check (kind in ('REVIEW', 'SPOT_CHECK', 'DISPUTE')),
    decision    text        not null check (decision in ('ACCEPT', 'REVISE', 'REJECT', 'DISPUTE')),
    strengths   text        not null,
    issues      text        not null,
    created_at  timestamptz not null default now()
);
create index review_of_judgment on review (judgment_id, created_at);
