-- A closed session is finalised once its late batches are in: its signals are computed and stored, and it
-- becomes VERIFIED (fewer than two signal families fired) or FLAGGED (evidence for an admin). An admin
-- then CLEARs or CONFIRMs a flagged session; an overturned appeal ends CLEARED.
alter table work_session
    drop constraint work_session_state,
    drop constraint work_session_closed_when_closed,
    drop constraint work_session_active_when_closed;

alter table work_session
    -- the signals as the session view shows them: [{name, family, value, threshold, fired, evidence}]
    add column signals              jsonb,
    add column finalised_at         timestamptz,
    -- active time up to the cap (twice the job's expected minutes): what pay accrues without approval
    add column paid_seconds         bigint,
    -- share of the final written text pasted from outside the page (0..1), for export provenance
    add column external_paste_share double precision,
    -- the device the workbench says it runs on (a random id it keeps) and the address the batches came from
    add column device_id            text,
    add column client_address       text,
    add constraint work_session_state check (state in ('OPEN', 'CLOSED', 'VERIFIED', 'FLAGGED', 'CLEARED', 'CONFIRMED')),
    add constraint work_session_closed_when_closed check ((state = 'OPEN') = (closed_at is null)),
    add constraint work_session_active_when_closed check ((state = 'OPEN') = (active_seconds is null)),
    add constraint work_session_finalised check ((state in ('OPEN', 'CLOSED')) = (finalised_at is null)
                                                 and (finalised_at is null) = (signals is null)
                                                 and (finalised_at is null) = (paid_seconds is null)),
    add constraint work_session_paid_within_active check (paid_seconds between 0 and active_seconds),
    add constraint work_session_paste_share check (external_paste_share between 0 and 1),
    add constraint work_session_device_size check (length(device_id) <= 64 and length(client_address) <= 64);

-- The finaliser's queue: closed sessions, oldest close first.
create index work_session_to_finalise on work_session (closed_at) where state = 'CLOSED';
-- Admins list sessions by state (flagged ones first of all); one device's sessions across accounts.
create index work_session_by_state on work_session (state, closed_at desc) where state not in ('OPEN', 'CLOSED', 'VERIFIED');
create index work_session_of_device on work_session (device_id, expert_id) where device_id is not null;
