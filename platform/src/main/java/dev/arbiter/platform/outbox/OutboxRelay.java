package dev.arbiter.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox rows to Kafka on a thread of its own. A batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (so replicas share the work), sent, acknowledged by the broker
 * (acks=all, idempotent producer) and only then marked published in the same transaction. A crash
 * between send and commit re-sends the batch: delivery is at least once, and consumers' inboxes
 * make that harmless.
 *
 * <p><b>One aggregate's events reach the topic in id order, however many relays run.</b> SKIP LOCKED
 * alone would let relay B send row 20 of an aggregate while relay A, which locked rows 10..19 of the same
 * {@code message_key}, still waits for their acknowledgement. So after claiming, a relay keeps a claimed row
 * only if every earlier unpublished row of its key is in its own batch ({@link #BLOCKERS}: per key, the
 * smallest unpublished id below the batch's last that the batch does not hold; rows from there on are left
 * for later). What it keeps it sends in id order on one idempotent producer, so Kafka keeps that order in
 * the key's partition. This is sound because a row is marked published only after the broker acknowledged
 * it, in the transaction that releases its lock: whenever another relay can see a row as published, it is
 * already on the topic, and a row it cannot see as published (locked by another relay, skipped, or claimed
 * and set aside) holds back every later row of its key. The check reads a fresh snapshot after the claim;
 * fresher only means more rows already published. The relay holding the oldest unpublished row of a key
 * always sends it, so the work never stalls; the relays share the work key by key (a key whose events are
 * in flight on one relay waits for it, the other keys go to whoever claims them). Rows set aside stay locked
 * until the claiming transaction ends (PostgreSQL releases row locks only at commit); that delays them by
 * at most one batch. Key buckets under advisory locks would do the same with coarser sharing and a lock
 * table to size; a single leader would give up sharing. Ids are the order: a writer that inserts an
 * aggregate's events commits them in id order (its state change serialises on the aggregate's row).
 *
 * <p>The producer connects the way the service's channels do: every {@code kafka.*} client setting
 * ({@code KAFKA_*} in the environment: security protocol, SASL credentials, truststore) applies to it too, so
 * a deployment that authenticates to Kafka authenticates the relay with the same principal.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "select id, topic, message_key, event_id, event_type, payload from outbox_message "
            + "where published_at is null order by id limit ? for update skip locked";
    /**
     * Per key of a claimed batch: the oldest unpublished row below the batch's last row of that key that the batch does
     * not hold (locked by another relay, or not claimed). The batch's rows of that key from there on must wait.
     */
    static final String BLOCKERS = "select k.message_key, (select min(e.id) from outbox_message e where e.message_key = k.message_key "
            + "and e.published_at is null and e.id < k.last_id and e.id <> all(?)) "
            + "from unnest(?::text[], ?::bigint[]) as k(message_key, last_id)";
    private static final String MARK = "update outbox_message set published_at = now() where id = any(?)";
    private static final String PRUNE = "delete from outbox_message where published_at < ?";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private final Map<String, Object> kafkaClientSettings;
    private final Counter relayed;
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Instant lastPrune = Instant.EPOCH;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry meters,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaClientSettings) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
        this.kafkaClientSettings = kafkaClientSettings;
        this.relayed = Counter.builder("arbiter.outbox.relayed").description("Events sent from the outbox to Kafka")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        producer = new KafkaProducer<>(producerProperties(kafkaClientSettings, bootstrapServers, applicationName));
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** A hint that a row is about to be committed: the relay looks again after a short pause. */
    void wakeUpSoon() {
        work.release();
    }

    private void loop() {
        while (running) {
            try {
                int sent = relayBatch();
                pruneOccasionally();
                if (sent < config.batchSize()) {
                    // The writer's hint arrives before its commit; the poll interval bounds the wait either way.
                    work.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    work.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay batch failed, retrying in %s: %s", config.retryBackoff(), e.getMessage());
                try {
                    Thread.sleep(config.retryBackoff().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends one batch; returns how many events it published. */
    int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Claimed> claimed = claim(connection);
                List<Claimed> sendable = withoutEarlierUnpublished(connection, claimed);
                if (sendable.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(sendable.size());
                for (Claimed row : sendable) {
                    acks.add(producer.send(row.record()));
                }
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                try (PreparedStatement mark = connection.prepareStatement(MARK)) {
                    mark.setArray(1, connection.createArrayOf("bigint", sendable.stream().map(Claimed::id).toArray()));
                    mark.executeUpdate();
                }
                connection.commit();
                relayed.increment(sendable.size());
                return sendable.size();
            } catch (Exception e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** One claimed row, ready to send. */
    private record Claimed(long id, String key, ProducerRecord<String, byte[]> record) {
    }

    /** The oldest unpublished rows nobody else holds, locked, in id order. */
    private List<Claimed> claim(Connection connection) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString("message_key");
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString("topic"), key,
                            rows.getBytes("payload"));
                    record.headers().add("event-id", rows.getString("event_id").getBytes(StandardCharsets.UTF_8));
                    record.headers().add("event-type", rows.getString("event_type").getBytes(StandardCharsets.UTF_8));
                    claimed.add(new Claimed(rows.getLong("id"), key, record));
                }
            }
        }
        return claimed;
    }

    /**
     * The claimed rows whose key has no earlier unpublished row outside this batch (see the class comment); the
     * others stay unpublished for a later batch. One statement.
     */
    private static List<Claimed> withoutEarlierUnpublished(Connection connection, List<Claimed> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return claimed;
        }
        Map<String, Long> lastIdOfKey = new LinkedHashMap<>();
        for (Claimed row : claimed) {
            lastIdOfKey.merge(row.key(), row.id(), Math::max);
        }
        Map<String, Long> firstBlocker = new HashMap<>();
        try (PreparedStatement blockers = connection.prepareStatement(BLOCKERS)) {
            blockers.setArray(1, connection.createArrayOf("bigint", claimed.stream().map(Claimed::id).toArray()));
            blockers.setArray(2, connection.createArrayOf("text", lastIdOfKey.keySet().toArray()));
            blockers.setArray(3, connection.createArrayOf("bigint", lastIdOfKey.values().toArray()));
            try (ResultSet rows = blockers.executeQuery()) {
                while (rows.next()) {
                    long blocker = rows.getLong(2);
                    if (!rows.wasNull()) {
                        firstBlocker.put(rows.getString(1), blocker);
                    }
                }
            }
        }
        if (firstBlocker.isEmpty()) {
            return claimed;
        }
        List<Claimed> sendable = new ArrayList<>(claimed.size());
        for (Claimed row : claimed) {
            Long blocker = firstBlocker.get(row.key());
            if (blocker == null || row.id() < blocker) {
                sendable.add(row);
            }
        }
        LOG.debugf("Outbox relay left %d claimed row(s) for later: an earlier row of their key is unpublished elsewhere",
                claimed.size() - sendable.size());
        return sendable;
    }

    private void pruneOccasionally() throws SQLException {
        Instant now = Instant.now();
        if (Duration.between(lastPrune, now).toMinutes() < 10) {
            return;
        }
        lastPrune = now;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prune = connection.prepareStatement(PRUNE)) {
            prune.setObject(1, OffsetDateTime.now().minus(config.retention()));
            int pruned = prune.executeUpdate();
            if (pruned > 0) {
                LOG.infof("Pruned %d published outbox rows older than %s", pruned, config.retention());
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is going back to the pool broken; the pool discards it
        }
    }

    /**
     * The shared Kafka client settings (Quarkus' {@code default-kafka-broker}: every {@code kafka.*} property and
     * {@code KAFKA_*} variable), less the consumer's group, under the relay's own delivery settings.
     */
    static Properties producerProperties(Map<String, Object> kafkaClientSettings, String bootstrapServers,
                                         String applicationName) {
        Properties props = new Properties();
        props.putAll(kafkaClientSettings);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
