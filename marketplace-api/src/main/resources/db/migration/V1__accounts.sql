create table organization (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);
create unique index organization_name_key on organization (lower(name));

create table account (
    id              uuid primary key,
    email           text        not null,
    password_hash   text        not null,
    display_name    text        not null,
    role            text        not null check (role in ('EXPERT', 'LAB', 'ADMIN')),
    organization_id uuid references organization (id),
    created_at      timestamptz not null default now(),
    -- a lab member always belongs to exactly one organization; nobody else does
    constraint account_lab_has_organization check ((role = 'LAB') = (organization_id is not null))
);
create unique index account_email_key on account (lower(email));

-- Opaque refresh tokens, stored only as a SHA-256 digest. Each use rotates the token; a token
-- used twice means it leaked, and its whole family is revoked.
create table refresh_token (
    id         uuid primary key,
    account_id uuid        not null references account (id),
    family_id  uuid        not null,
    token_hash text        not null unique,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    used_at    timestamptz,
    revoked_at timestamptz
);
create index refresh_token_family on refresh_token (family_id);

-- A lab member invites colleagues into their organization with a one-time code.
create table organization_invitation (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    code_hash       text        not null unique,
    created_by      uuid        not null references account (id),
    expires_at      timestamptz not null,
    used_by         uuid references account (id),
    used_at         timestamptz
);

-- What qualification-service has decided, as seen by GET /api/me.
create table expert_qualification (
    expert_id  uuid        not null,
    domain     text        not null,
    tier       int         not null,
    source     text        not null,
    updated_at timestamptz not null default now(),
    primary key (expert_id, domain)
);
