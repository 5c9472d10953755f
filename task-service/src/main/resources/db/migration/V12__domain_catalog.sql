-- This service's copy of the platform's domain catalog (marketplace-api owns it: GET /api/domains): a job
-- names one of these. The initial ten are seeded with the same keys as there; DomainAdded events add the rest.
create table domain_catalog (
    key      text primary key check (key ~ '^[a-z][a-z0-9_-]{0,63}$'),
    name     text        not null,
    added_at timestamptz not null default now()
);

insert into domain_catalog (key, name) values
    ('finance', 'Finance'), ('law', 'Law'), ('medicine', 'Medicine'), ('code', 'Software and code'),
    ('mathematics', 'Mathematics'), ('physics', 'Physics'), ('chemistry', 'Chemistry'), ('biology', 'Biology'),
    ('literature', 'Literature'), ('history', 'History');
