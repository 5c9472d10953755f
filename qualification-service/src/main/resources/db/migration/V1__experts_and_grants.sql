-- Experts as announced by marketplace-api.
create table known_expert (
    id            uuid primary key,
    display_name  text        not null,
    registered_at timestamptz not null
);

-- The current qualification of an expert in a domain (one row per pair).
create table qualification (
    expert_id    uuid        not null references known_expert (id),
    domain       text        not null,
    tier         int         not null check (tier between 1 and 3),
    source       text        not null check (source in ('EVIDENCE', 'ADMIN_GRANT')),
    qualified_at timestamptz not null,
    primary key (expert_id, domain)
);

-- Every decision about a qualification, who took it and why; never updated, never deleted.
create table qualification_audit (
    id         uuid primary key,
    actor_id   uuid        not null,
    action     text        not null check (action in ('GRANT', 'REVOKE', 'EARNED')),
    expert_id  uuid        not null,
    domain     text        not null,
    tier       int,
    reason     text        not null,
    created_at timestamptz not null default now()
);
create index qualification_audit_expert on qualification_audit (expert_id, created_at);
