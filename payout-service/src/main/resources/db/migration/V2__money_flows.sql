-- Money flows: labs fund their organization, publishing a job reserves its budget, verified sessions accrue
-- from the reservation, and each session line moves through its stages. The database itself refuses the
-- impossible: an unbalanced transaction, a negative balance where one must not be, an edited or deleted entry,
-- a second accrual for one session.

-- ---------------------------------------------------------------------------------------------------------
-- Accounts: every kind, its one owner (expert, organization, job or none), and a stored balance.
-- ---------------------------------------------------------------------------------------------------------

-- Accounts may open before the expert's registration event arrives (the task events travel on another topic).
alter table ledger_account drop constraint ledger_account_expert_id_fkey;
alter table ledger_account drop constraint ledger_account_kind_check;
drop index ledger_account_platform_kind;
alter table ledger_account drop constraint ledger_account_expert_id_kind_currency_key;
-- PLATFORM_LABOR_EXPENSE and PLATFORM_CASH were never used by any flow.
delete from ledger_account a where a.kind in ('PLATFORM_LABOR_EXPENSE', 'PLATFORM_CASH')
    and not exists (select 1 from ledger_entry e where e.account_id = a.id);

alter table ledger_account
    add column organization_id uuid,
    add column job_id uuid,
    -- Maintained by ledger_entry_apply (below) on every entry; verify re-sums the entries to prove it.
    add column balance_minor bigint not null default 0;

alter table ledger_account add constraint ledger_account_kind check (kind in (
    'LAB_BALANCE', 'JOB_RESERVATION',
    'EXPERT_PENDING', 'EXPERT_HELD', 'EXPERT_PAYABLE', 'EXPERT_IN_BATCH', 'EXPERT_PAID',
    'PLATFORM_CLEARING', 'PLATFORM_DEPOSITS', 'PLATFORM_PAYOUTS'));

-- Exactly the owner the kind names, and no other.
alter table ledger_account add constraint ledger_account_owner check (case
    when kind = 'LAB_BALANCE' then organization_id is not null and expert_id is null and job_id is null
    when kind = 'JOB_RESERVATION' then job_id is not null and expert_id is null and organization_id is null
    when kind like 'EXPERT\_%' then expert_id is not null and organization_id is null and job_id is null
    else expert_id is null and organization_id is null and job_id is null end);

-- Only the platform's own accounts may go negative: clearing pays what a reservation cannot, deposits and
-- payouts are the outside world's side of the books.
alter table ledger_account add constraint ledger_account_not_negative check (
    balance_minor >= 0 or kind in ('PLATFORM_CLEARING', 'PLATFORM_DEPOSITS', 'PLATFORM_PAYOUTS'));

-- One account per (kind, owner, currency); the platform's (no owner) too.
create unique index ledger_account_one_per_owner on ledger_account (kind, currency, coalesce(expert_id, organization_id, job_id))
    nulls not distinct;
create index ledger_account_expert on ledger_account (expert_id) where expert_id is not null;

-- ---------------------------------------------------------------------------------------------------------
-- Transactions name their cause; entries move the stored balances; neither is ever edited or deleted.
-- ---------------------------------------------------------------------------------------------------------

alter table ledger_transaction
    add column session_id uuid,
    add column batch_id uuid,
    add column funding_id uuid,
    add column job_id uuid,
    -- Only when the cause has a natural once-only key; the cause columns above say what moved the money.
    alter column idempotency_key drop not null;
alter table ledger_transaction add constraint ledger_transaction_cause
    check (num_nonnulls(session_id, batch_id, funding_id, job_id) >= 1);
create index ledger_transaction_session on ledger_transaction (session_id) where session_id is not null;
create index ledger_transaction_job on ledger_transaction (job_id) where job_id is not null;

create function ledger_entry_apply() returns trigger language plpgsql as $$
declare
    account_currency char(3);
begin
    update ledger_account set balance_minor = balance_minor + new.amount_minor where id = new.account_id
        returning currency into account_currency;
    if account_currency <> new.currency then
        raise exception 'entry in % on an account kept in %', new.currency, account_currency using errcode = '23514';
    end if;
    return new;
end $$;

create trigger ledger_entry_apply after insert on ledger_entry for each row execute function ledger_entry_apply();

create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: corrections are new transactions', tg_table_name using errcode = '23514';
end $$;

create trigger ledger_entry_immutable before update or delete on ledger_entry
    for each row execute function ledger_refuse_change();
create trigger ledger_transaction_immutable before update or delete on ledger_transaction
    for each row execute function ledger_refuse_change();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_refuse_change();

-- The deferred balance check stays (V1); entries can no longer be updated, so it needs only inserts.
drop trigger ledger_entry_balanced on ledger_entry;
create constraint trigger ledger_entry_balanced after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_transaction_balanced();

-- ---------------------------------------------------------------------------------------------------------
-- What the money flows follow.
-- ---------------------------------------------------------------------------------------------------------

-- Lab organizations, from LabMemberRegistered: only a known organization can be funded.
create table organization (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

-- An admin's record of a lab's deposit.
create table funding (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    reference       text        not null check (length(reference) between 1 and 200),
    admin_id        uuid        not null,
    funded_at       timestamptz not null default now()
);
create index funding_organization on funding (organization_id);

-- A published job's budget, reserved once (the primary key makes a redelivered JobPublished a no-op).
create table job_budget (
    job_id                    uuid primary key,
    organization_id           uuid        not null,
    title                     text        not null,
    budget_minor              bigint      not null check (budget_minor >= 0),
    reserved_minor            bigint      not null check (reserved_minor >= 0),
    hourly_rate_minor         bigint      not null check (hourly_rate_minor >= 0),
    expected_minutes_per_item int         not null check (expected_minutes_per_item > 0),
    currency                  char(3)     not null,
    reserved_at               timestamptz not null default now(),
    -- Set once, when BudgetExhausted was emitted.
    exhausted_at              timestamptz
);
create index job_budget_organization on job_budget (organization_id);

-- Counts the changes to a job's spend (SessionPayChanged.job_spend_version); the job may not be reserved yet.
create table job_spend (
    job_id  uuid primary key,
    version bigint not null default 0
);

-- Open work sessions (leases), whose worst case the job's remaining reservation must cover.
create table live_session (
    session_id        uuid primary key,
    job_id            uuid        not null,
    expert_id         uuid        not null,
    cap_seconds       bigint      not null check (cap_seconds >= 0),
    hourly_rate_minor bigint      not null check (hourly_rate_minor >= 0),
    opened_at         timestamptz not null
);
create index live_session_job on live_session (job_id);
-- Sessions already finalised: a WorkSessionOpened that arrives after its Verified/Flagged opens no lease.
-- (session_pay below plays that part.)

-- A review decision, kept even when it arrives before the session's accrual.
create table judgment_decision (
    judgment_id uuid primary key,
    decision    text        not null check (decision in ('ACCEPT', 'REJECT', 'REVISE')),
    decided_at  timestamptz not null
);

-- One line per session: at most one accrual per session, enforced by the primary key.
create table session_pay (
    session_id             uuid primary key,
    expert_id              uuid        not null,
    job_id                 uuid        not null,
    organization_id        uuid        not null,
    task_id                uuid,
    judgment_id            uuid,
    kind                   text        not null check (kind in ('CLAIM', 'REVISION', 'REVIEW')),
    day                    date        not null,
    active_seconds         bigint      not null check (active_seconds >= 0),
    paid_seconds           bigint      not null check (paid_seconds >= 0),
    over_cap_seconds       bigint      not null check (over_cap_seconds >= 0),
    hourly_rate_minor      bigint      not null check (hourly_rate_minor >= 0),
    tier_multiplier_bp     int         not null check (tier_multiplier_bp >= 0),
    currency               char(3)     not null,
    amount_minor           bigint      not null check (amount_minor >= 0),
    -- What approving the over-cap time would add: sessionAmount(active) - sessionAmount(paid).
    over_cap_amount_minor  bigint      not null check (over_cap_amount_minor >= 0),
    over_cap_state         text        not null check (over_cap_state in ('NONE', 'AWAITING_APPROVAL', 'APPROVED', 'DECLINED')),
    -- Where the amount was drawn from (a forfeit returns each part where it came from).
    from_reservation_minor bigint      not null check (from_reservation_minor >= 0),
    from_clearing_minor    bigint      not null check (from_clearing_minor >= 0),
    stage                  text        not null check (stage in ('PENDING', 'HELD', 'PAYABLE', 'IN_BATCH', 'PAID', 'FORFEITED')),
    hold_reason            text,
    accrued_at             timestamptz not null default now(),
    stage_changed_at       timestamptz not null default now(),
    check (from_reservation_minor + from_clearing_minor = amount_minor),
    check ((stage = 'HELD') = (hold_reason is not null))
);
create index session_pay_expert on session_pay (expert_id, day);
create index session_pay_judgment on session_pay (judgment_id) where judgment_id is not null;
create index session_pay_job on session_pay (job_id);
create index session_pay_pending on session_pay (accrued_at) where stage = 'PENDING';

-- Idempotency-Key (Stripe semantics): the first answer to a money-moving request, stored in the transaction of
-- its effect; the same key and body replay it, another body is refused. Kept at least 7 days.
create table idempotent_request (
    caller_id       uuid        not null,
    method          text        not null,
    path            text        not null,
    idempotency_key text        not null check (length(idempotency_key) between 1 and 255),
    request_hash    text        not null,
    -- Null only inside the first request's own transaction (the row is its lock); committed rows have an answer.
    status          int,
    content_type    text,
    response_body   text,
    location        text,
    created_at      timestamptz not null default now(),
    primary key (caller_id, method, path, idempotency_key),
    check ((status is null) = (response_body is null))
);
create index idempotent_request_created on idempotent_request (created_at);
