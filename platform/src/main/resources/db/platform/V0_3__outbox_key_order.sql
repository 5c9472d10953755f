-- Several relays share the outbox, and one aggregate's events must still reach Kafka in id order: before it
-- sends a claimed row, a relay looks for an earlier unpublished row of the same key that it does not hold
-- (OutboxRelay.BLOCKERS). This index answers that per key, among unpublished rows only.
create index outbox_message_unpublished_key on outbox_message (message_key, id) where published_at is null;
