-- The platform's one catalog of domains (GET /api/domains): the keys questions, grants and jobs may name.
-- marketplace-api owns it; an admin adds to it (POST /api/admin/domains), which emits DomainAdded so that
-- qualification-service and task-service keep their copies. The initial ten are seeded here and, with the
-- same keys, in those services' own migrations.
create table domain_catalog (
    key      text primary key check (key ~ '^[a-z][a-z0-9_-]{0,63}$'),
    name     text        not null check (length(btrim(name)) between 1 and 100),
    added_by uuid,
    added_at timestamptz not null default now()
);

insert into domain_catalog (key, name) values
    ('finance', 'Finance'), ('law', 'Law'), ('medicine', 'Medicine'), ('code', 'Software and code'),
    ('mathematics', 'Mathematics'), ('physics', 'Physics'), ('chemistry', 'Chemistry'), ('biology', 'Biology'),
    ('literature', 'Literature'), ('history', 'History');
