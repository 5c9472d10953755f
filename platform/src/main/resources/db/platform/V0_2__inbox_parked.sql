-- An event whose effect keeps failing is parked here alone, whole, with why; the events around it go on.
-- The inbox replays parked events now and then (a fix deployed, a missing fact arrived), and deletes each
-- one that applies.

create table inbox_parked (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    producer     text        not null,
    envelope     bytea       not null,
    error        text        not null,
    attempts     int         not null default 1,
    parked_at    timestamptz not null default now(),
    last_try_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
