-- Paying experts out: payout batches (created by one admin, approved by another, settled line by line) and admin
-- decisions on time beyond a session's cap. The database refuses what must never happen: a session line in two
-- live batches, two lines for one payee in a batch, a batch approved by its creator, a second over-cap decision.

create table payout_batch (
    id           uuid primary key,
    status       text        not null check (status in ('DRAFT', 'APPROVED', 'SETTLED')),
    -- PAYABLE lines of days up to this one were taken.
    period_end   date        not null,
    currency     char(3)     not null,
    total_minor  bigint      not null check (total_minor > 0),
    created_by   uuid        not null,
    created_at   timestamptz not null default now(),
    approved_by  uuid,
    approved_at  timestamptz,
    settled_at   timestamptz,
    -- Four eyes: the approver is another admin.
    check (approved_by is null or approved_by <> created_by),
    check ((status = 'DRAFT') = (approved_by is null)),
    check ((status = 'SETTLED') = (settled_at is not null))
);
create index payout_batch_created on payout_batch (created_at desc);

-- One payee's part of a batch: the sum of the session lines it took.
create table payout_batch_line (
    id                   uuid primary key,
    batch_id             uuid        not null references payout_batch (id),
    expert_id            uuid        not null,
    amount_minor         bigint      not null check (amount_minor > 0),
    currency             char(3)     not null,
    -- What the payment provider is given for this line, stable across exports.
    reference            text        not null unique,
    status               text        not null check (status in ('IN_BATCH', 'PAID', 'FAILED')),
    -- The provider's own reference when settled, and why it failed.
    settlement_reference text,
    failure_reason       text,
    settled_at           timestamptz,
    unique (batch_id, expert_id),
    check ((status = 'IN_BATCH') = (settled_at is null)),
    check ((status = 'FAILED') = (failure_reason is not null))
);

-- The session lines a batch line took. A line is in at most one batch at a time: once its batch line failed it is
-- released (back to PAYABLE) and may be taken again; a paid one never.
create table payout_batch_item (
    batch_line_id uuid    not null references payout_batch_line (id),
    session_id    uuid    not null references session_pay (session_id),
    amount_minor  bigint  not null check (amount_minor >= 0),
    released      boolean not null default false,
    primary key (batch_line_id, session_id)
);
create unique index payout_batch_item_one_live_batch on payout_batch_item (session_id) where not released;

-- An admin's decision on a session's time beyond its cap: once per session (the primary key).
create table over_cap_decision (
    session_id   uuid primary key references session_pay (session_id),
    approved     boolean     not null,
    reason       text        not null check (length(reason) between 1 and 1000),
    -- What approving accrued (0 when refused).
    amount_minor bigint      not null check (amount_minor >= 0),
    admin_id     uuid        not null,
    decided_at   timestamptz not null default now()
);
