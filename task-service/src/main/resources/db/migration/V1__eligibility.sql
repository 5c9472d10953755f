-- task-service's own record of who may work: experts as announced by marketplace-api, and the
-- domains and tiers qualification-service granted them. The two streams arrive independently, so
-- a qualification may be recorded before its expert is.

create table expert (
    id            uuid primary key,
    display_name  text        not null,
    registered_at timestamptz not null
);

create table expert_domain (
    expert_id  uuid        not null,
    domain     text        not null,
    tier       int         not null check (tier between 1 and 3),
    source     text        not null,
    updated_at timestamptz not null default now(),
    primary key (expert_id, domain)
);
