package dev.arbiter.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 * <p>The producer connects the way the service's channels do: every {@code kafka.*} client setting
 * ({@code KAFKA_*} in the environment: security protocol, SASL credentials, truststore) applies to it too, so
 * a deployment that authenticates to Kafka authenticates the relay with the same principal.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "select id, topic, message_key, event_id, event_type, payload from outbox_message "
            + "where published_at is null order by id limit ? for update skip locked";
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
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setInt(1, config.batchSize());
                    try (ResultSet rows = claim.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong("id"));
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString("topic"),
                                    rows.getString("message_key"), rows.getBytes("payload"));
                            record.headers().add("event-id", rows.getString("event_id").getBytes());
                            record.headers().add("event-type", rows.getString("event_type").getBytes());
                            acks.add(producer.send(record));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                try (PreparedStatement mark = connection.prepareStatement(MARK)) {
                    Array array = connection.createArrayOf("bigint", ids.toArray());
                    mark.setArray(1, array);
                    mark.executeUpdate();
                }
                connection.commit();
                relayed.increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
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
