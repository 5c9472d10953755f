-- The recorded log of a work session: one row per batch the workbench sent, append-only.
--
-- One row per batch, not per event: a batch arrives, is validated, hashed and acknowledged as a
-- whole, and its (session, seq) key is exactly what makes a resent batch change nothing. A row per
-- event repeats the row header and the key index entry for each of ~20 events of a batch (measured by
-- the sessions benchmark: about 2x the bytes per event of this layout before compression).
-- events holds the batch's events as compact JSON, deflated by the service (EventCodec): a batch of
-- ~1.6 kB is below the 2 kB at which PostgreSQL would compress it. batch_hash is SHA-256 over the
-- seq, received_at and the JSON (BatchChain), so the chain can be re-folded without reading events.
create table session_batch (
    session_id  uuid        not null references work_session (id),
    seq         int         not null check (seq >= 0),
    received_at timestamptz not null,
    event_count int         not null check (event_count >= 0),
    events      bytea       not null,
    batch_hash  bytea       not null check (octet_length(batch_hash) = 32),
    primary key (session_id, seq)
);

-- Append-only: the database refuses to change or remove a recorded batch, whatever the code does.
create function session_batch_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'session_batch is append-only: a recorded batch is never changed or removed'
        using errcode = 'restrict_violation';
end;
$$;
create trigger session_batch_append_only before update or delete on session_batch
    for each row execute function session_batch_append_only();
create trigger session_batch_no_truncate before truncate on session_batch
    for each statement execute function session_batch_append_only();

-- What the session knows of its log: the digest that ends the hash chain over its batches in seq
-- order, how many batches and events it holds, the highest seq received (what is missing below it is
-- a gap) and the bytes of events held (bounded per session).
alter table work_session
    add column digest      bytea,
    add column batch_count int    not null default 0,
    add column event_count int    not null default 0,
    add column last_seq    int,
    add column log_bytes   bigint not null default 0,
    add constraint work_session_log_counts check (batch_count >= 0 and event_count >= 0 and log_bytes >= 0),
    add constraint work_session_digest_with_batches check ((batch_count = 0) = (digest is null)
                                                            and (batch_count = 0) = (last_seq is null)),
    add constraint work_session_digest_size check (octet_length(digest) = 32),
    add constraint work_session_batches_within_seq check (batch_count <= last_seq + 1);

-- An expert's own sessions, newest first.
create index work_session_of_expert on work_session (expert_id, opened_at desc);
