-- An event whose effect keeps failing is parked here, whole, with why; other aggregates' events go on, and
-- while an aggregate has a parked event its later events are parked behind it (seq keeps their order). The
-- inbox replays parked events now and then (a fix deployed, a missing fact arrived), in seq order, and
-- deletes each one that applies.

create table inbox_parked (
    seq          bigserial   not null unique,
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    producer     text        not null,
    aggregate_id text        not null,
    envelope     bytea       not null,
    error        text        not null,
    attempts     int         not null default 1,
    parked_at    timestamptz not null default now(),
    last_try_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index inbox_parked_aggregate on inbox_parked (consumer, aggregate_id);
