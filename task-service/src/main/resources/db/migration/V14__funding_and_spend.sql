-- What each organization has deposited (LabFunded on payouts.events.v1, each applied once through the inbox):
-- publishing a job for the first time needs funded - sum of the budgets of the organization's jobs published
-- before >= its budget. The row is also the lock that serializes concurrent publishes of one organization.
create table organization_funding (
    organization_id uuid primary key,
    funded_minor    bigint      not null default 0 check (funded_minor >= 0),
    updated_at      timestamptz not null default now()
);

-- first_published_at: set by the first publish, which alone reserves the budget (JobPublished); a re-publish
-- after a pause does not. pause_reason: who paused it (the lab, or payout-service's BudgetExhausted).
-- budget_exhausted_at: the reservation cannot cover another session; the lab cannot re-publish it.
-- spent_minor / spend_version: the newest SessionPayChanged figure of what the job cost (payout-service's ledger).
alter table job
    add column first_published_at  timestamptz,
    add column pause_reason        text check (pause_reason in ('LAB', 'BUDGET_EXHAUSTED')),
    add column budget_exhausted_at timestamptz,
    add column spent_minor         bigint not null default 0 check (spent_minor >= 0),
    add column spend_version       bigint not null default 0;

-- Jobs published before V14 have reserved their budget already.
update job set first_published_at = created_at where status <> 'DRAFT';
update job set pause_reason = 'LAB' where status = 'PAUSED';

create index job_reserved_of_organization on job (organization_id) where first_published_at is not null;
