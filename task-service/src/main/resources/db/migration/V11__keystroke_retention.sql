-- Raw keystroke timing is kept for a retention (arbiter.sessions.keystroke-retention, 90 days), then
-- reduced to the summary each key event already carries in `events`. A batch therefore stores its raw
-- intervals apart: `timing` ([[ms, …], …] per key event, deflated like the events) and `timing_hash`, the
-- SHA-256 of their canonical JSON. The batch hash covers the events and timing_hash, never timing itself,
-- so dropping timing leaves the hash chain verifiable. Batches stored before this have neither and are
-- hashed as before; so are batches without key events.
alter table session_batch
    add column timing      bytea,
    add column timing_hash bytea,
    add constraint session_batch_timing_hash_size check (octet_length(timing_hash) = 32),
    add constraint session_batch_timing_hashed check (timing is null or timing_hash is not null);

-- The retention job finds batches still holding raw timing, oldest first, without reading the others.
create index session_batch_timing_held on session_batch (received_at) where timing is not null;

-- Still append-only, with one exception: dropping a batch's raw timing (timing set to null, every other
-- column unchanged). Deleting, truncating and any other change are refused as before.
create function session_batch_append_only_but_timing() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.timing is null
       and (new.session_id, new.seq, new.received_at, new.event_count, new.events, new.batch_hash, new.timing_hash)
           is not distinct from
           (old.session_id, old.seq, old.received_at, old.event_count, old.events, old.batch_hash, old.timing_hash) then
        return new;
    end if;
    raise exception 'session_batch is append-only: a recorded batch is never changed or removed (only its raw keystroke timing may be dropped)'
        using errcode = 'restrict_violation';
end;
$$;

drop trigger session_batch_append_only on session_batch;
create trigger session_batch_append_only before update or delete on session_batch
    for each row execute function session_batch_append_only_but_timing();
