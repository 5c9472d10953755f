-- Shared by every service: the transactional outbox (events waiting for Kafka) and the inbox
-- (ids of events already applied), each in the service's own database.

create table outbox_message (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay only ever looks for unpublished rows, in id order.
create index outbox_message_unpublished on outbox_message (id) where published_at is null;

create table inbox_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    producer     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
