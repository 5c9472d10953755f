package dev.arbiter.testsupport;

import dev.arbiter.proto.common.v1.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain JUnit: the shared infrastructure works before any service relies on it. */
class ArbiterInfraSelfTest {

    @Test
    void shouldHandAFreshDatabaseThatAnswersSelectOne() throws Exception {
        ArbiterInfraResource resource = new ArbiterInfraResource();
        resource.init(Map.of(ArbiterInfraResource.DATABASE_ARG, "selftest"));
        Map<String, String> config = resource.start();

        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            s.execute("create table leftover (id int)");
        }
        assertTrue(config.get("quarkus.datasource.reactive.url").matches("postgresql://localhost:\\d+/selftest"));

        // A second start (another Quarkus application) gets the database empty again.
        resource.start();
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_tables where tablename = 'leftover'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void shouldPointAtReadableJwtKeysAndTheTestIssuer() {
        Map<String, String> config = new ArbiterInfraResource().start();

        assertTrue(Files.isReadable(Path.of(config.get("mp.jwt.verify.publickey.location"))));
        assertTrue(Files.isReadable(Path.of(config.get("smallrye.jwt.sign.key.location"))));
        assertEquals(TestJwt.ISSUER, config.get("mp.jwt.verify.issuer"));
        assertEquals(TestInfra.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
    }

    @Test
    void shouldRoundTripARecordThroughAConsumerGroup() {
        String topic = "selftest.group." + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        byte[] value = "hello".getBytes(StandardCharsets.UTF_8);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.send(topic, key, value);
        }

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "selftest-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, byte[]> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    received = r;
                }
            }
            assertNotNull(received, "the group never received the record: is the offsets topic replicated?");
            assertEquals(key, received.key());
            assertArrayEquals(value, received.value());

            // Committing needs the group coordinator, i.e. a working __consumer_offsets.
            consumer.commitSync(Duration.ofSeconds(30));
            TopicPartition partition = new TopicPartition(topic, received.partition());
            OffsetAndMetadata committed = consumer.committed(Set.of(partition), Duration.ofSeconds(30)).get(partition);
            assertEquals(received.offset() + 1, committed.offset());
        }
    }

    @Test
    void shouldPublishAnEnvelopeKeyedByItsAggregateAndReadItBack() {
        String topic = "selftest.envelopes." + UUID.randomUUID();
        String aggregate = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            EventEnvelope sent = KafkaTestClient.envelope("selftest", aggregate).build();
            kafka.publish(topic, sent);

            EventEnvelope read = kafka.awaitEnvelope(topic, e -> e.getEventId().equals(sent.getEventId()), Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> record = kafka.awaitRecord(topic, r -> true, Duration.ofSeconds(30));

            assertEquals(sent, read);
            assertEquals(aggregate, record.key());
            assertFalse(read.getOccurredAt().getSeconds() == 0);
        }
    }
}
