package dev.arbiter.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arbiter.infra.LocalKafka;
import dev.arbiter.infra.LocalPostgres;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two relays on one outbox (two replicas of a service) while writers keep adding events of a handful of aggregates:
 * each aggregate's events must reach the topic in id order, every row exactly once, and both relays must do part
 * of the work. Real PostgreSQL and a real Kafka broker; the relays are the production class, each with its own pool
 * and producer. Each send takes a moment (an interceptor pauses up to 1 ms, as a busy network or a GC pause would),
 * so that one relay's batch is still going out while the other claims the rows after it.
 */
class OutboxRelayOrderTest {

    private static final String TOPIC = "relay-order.events.v1";
    private static final int KEYS = 6;
    private static final int EVENTS_PER_KEY = 600;
    private static final int EVENTS = KEYS * EVENTS_PER_KEY;

    private static LocalPostgres postgres;
    private static LocalKafka kafka;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        postgres = LocalPostgres.startTemporary();
        postgres.ensureDatabase("relay_order");
        Flyway.configure().dataSource(postgres.jdbcUrl("relay_order"), postgres.username(), postgres.password())
                .locations("classpath:db/platform").load().migrate();
        kafka = LocalKafka.startTemporary();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopInfrastructure() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldKeepEachKeysOrderAndPublishEachRowOnceWhileTwoRelaysShareTheWork() throws Exception {
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        try (AgroalDataSource poolA = pool(); AgroalDataSource poolB = pool()) {
            OutboxRelay relayA = relay(poolA, metersA, "replica-a");
            OutboxRelay relayB = relay(poolB, metersB, "replica-b");
            relayA.start(null);
            relayB.start(null);
            try {
                writeWhileRelaysRun();
                awaitAllPublished();
            } finally {
                relayA.stop(null);
                relayB.stop(null);
            }
            Map<String, Long> rowIdByEventId = rowIds();
            List<ConsumerRecord<String, byte[]>> records = consumeAll();

            Set<String> seen = new HashSet<>();
            Map<String, Long> lastIdOfKey = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String eventId = new String(record.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8);
                Long id = rowIdByEventId.get(eventId);
                assertTrue(id != null, "a record of no outbox row: " + eventId);
                assertTrue(seen.add(eventId), "row " + id + " is on the topic twice");
                Long previous = lastIdOfKey.put(record.key(), id);
                if (previous != null && previous >= id) {
                    fail("key " + record.key() + ": row " + id + " reached the topic after row " + previous);
                }
            }
            assertEquals(EVENTS, records.size(), "records on the topic");
            assertEquals(EVENTS, seen.size(), "every row is on the topic");
            double byA = metersA.counter("arbiter.outbox.relayed").count();
            double byB = metersB.counter("arbiter.outbox.relayed").count();
            assertEquals(EVENTS, byA + byB, 0.0, "each row published by exactly one relay");
            assertTrue(byA > 0 && byB > 0, "both relays share the work: " + byA + " and " + byB);
        }
    }

    /** One writer per key, each event its own transaction (as a service commits them), all keys at once. */
    private static void writeWhileRelaysRun() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> writers = IntStream.range(0, KEYS).mapToObj(k -> new Thread(() -> {
            String key = "aggregate-" + k;
            try (Connection c = postgres.connect("relay_order");
                 PreparedStatement insert = c.prepareStatement("insert into outbox_message "
                         + "(event_id, topic, message_key, event_type, payload) values (?, ?, ?, 'TEST_EVENT', ?)")) {
                for (int n = 0; n < EVENTS_PER_KEY; n++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, TOPIC);
                    insert.setString(3, key);
                    insert.setBytes(4, ByteBuffer.allocate(4).putInt(n).array());
                    insert.executeUpdate();
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }, "outbox-writer-" + k)).toList();
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join(Duration.ofMinutes(2).toMillis());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void awaitAllPublished() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long unpublished;
        while ((unpublished = count("select count(*) from outbox_message where published_at is null")) > 0
                || count("select count(*) from outbox_message") < EVENTS) {
            if (System.nanoTime() > deadline) {
                fail(unpublished + " rows still unpublished after 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    /** Everything on the topic, in partition order (a key's records are all in one partition). */
    private static List<ConsumerRecord<String, byte[]>> consumeAll() {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static Map<String, Long> rowIds() throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = postgres.connect("relay_order"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select event_id, id from outbox_message")) {
            while (rows.next()) {
                ids.put(rows.getString(1), rows.getLong(2));
            }
        }
        return ids;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = postgres.connect("relay_order"); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static AgroalDataSource pool() throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(2).connectionFactoryConfiguration(factory -> factory.jdbcUrl(postgres.jdbcUrl("relay_order"))
                        .principal(new NamePrincipal(postgres.username()))
                        .credential(new SimplePassword(postgres.password())))));
    }

    private static OutboxRelay relay(AgroalDataSource pool, SimpleMeterRegistry meters, String name) {
        Map<String, Object> clientSettings = Map.of(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, SlowSend.class.getName());
        return new OutboxRelay(pool, new TestConfig(), meters, kafka.bootstrapServers(), name, clientSettings);
    }

    /** Small batches and a short idle poll, so that the two relays' batches interleave often. */
    private static final class TestConfig implements OutboxConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(5);
        }

        @Override
        public int batchSize() {
            return 40;
        }

        @Override
        public Duration sendTimeout() {
            return Duration.ofSeconds(15);
        }

        @Override
        public Duration retryBackoff() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration retention() {
            return Duration.ofDays(7);
        }
    }

    /** Each send takes up to a millisecond: a relay's batch goes out over tens of milliseconds, as on a busy network. */
    public static final class SlowSend implements ProducerInterceptor<String, byte[]> {
        @Override
        public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000));
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
