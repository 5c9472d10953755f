-- Who did what to whose account, append-only: today the creation of an admin by another admin (the
-- four-eyes rules elsewhere need two admins, so making one is itself a recorded act).
create table account_audit (
    id         uuid        primary key,
    action     text        not null check (action in ('ADMIN_CREATED')),
    actor_id   uuid        not null references account (id),
    subject_id uuid        not null references account (id),
    detail     text        not null check (length(detail) <= 1000),
    at         timestamptz not null default now()
);
create index account_audit_of_subject on account_audit (subject_id, at);

create function account_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'account_audit is append-only: an audited act is never changed or removed'
        using errcode = 'restrict_violation';
end;
$$;
create trigger account_audit_append_only before update or delete on account_audit
    for each row execute function account_audit_append_only();
create trigger account_audit_no_truncate before truncate on account_audit
    for each statement execute function account_audit_append_only();
