package dev.arbiter.testsupport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.arbiter.proto.common.v1.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Produces and reads raw Kafka records in tests: {@code byte[]} values, string keys.
 *
 * <p>Reads never use a consumer group (nothing is committed, the services' groups are not
 * disturbed): each {@code await...} call reads the whole topic from the beginning and polls until
 * the condition holds or the timeout elapses, then fails with what it saw.
 */
public final class KafkaTestClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A client for the JVM's shared test broker ({@link TestInfra}). */
    public static KafkaTestClient forTestInfra() {
        return new KafkaTestClient(TestInfra.kafkaBootstrapServers());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, byte[] value) {
        try {
            return producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /** Publishes an envelope the way the outbox relays do: key = {@code aggregate_id}. */
    public RecordMetadata publish(String topic, EventEnvelope envelope) {
        return send(topic, envelope.getAggregateId(), envelope.toByteArray());
    }

    /**
     * An envelope builder with a fresh {@code event_id}, {@code occurred_at} = now, the given
     * producer and aggregate id; set the payload and {@code build()}.
     */
    public static EventEnvelope.Builder envelope(String producer, String aggregateId) {
        Instant now = Instant.now();
        return EventEnvelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer(producer)
                .setAggregateId(aggregateId);
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} holds for the records read so far,
     * and returns them (in partition order, per partition in offset order).
     *
     * @throws AssertionError if {@code timeout} elapses first
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(Collections.unmodifiableList(seen))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Condition on topic " + topic + " not met within " + timeout
                            + "; " + seen.size() + " record(s) seen, keys " + keys(seen));
                }
                consumer.poll(POLL).forEach(seen::add);
            }
        }
        return seen;
    }

    /** Waits for the first record of {@code topic} that matches and returns it. */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> matching,
                                                      Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records =
                awaitRecords(topic, seen -> seen.stream().anyMatch(matching), timeout);
        return records.stream().filter(matching).findFirst().orElseThrow();
    }

    /** Like {@link #awaitRecords} but decodes every value as an {@link EventEnvelope}. */
    public List<EventEnvelope> awaitEnvelopes(String topic, Predicate<List<EventEnvelope>> done, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records =
                awaitRecords(topic, seen -> done.test(decode(seen)), timeout);
        return decode(records);
    }

    /** Waits for the first envelope of {@code topic} that matches and returns it. */
    public EventEnvelope awaitEnvelope(String topic, Predicate<EventEnvelope> matching, Duration timeout) {
        return awaitEnvelopes(topic, seen -> seen.stream().anyMatch(matching), timeout).stream()
                .filter(matching).findFirst().orElseThrow();
    }

    /** Decodes a record value; fails the test if it is not an envelope. */
    public static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventEnvelope.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("Record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not an EventEnvelope", e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.CLIENT_ID_CONFIG, "arbiter-test-producer-" + UUID.randomUUID());
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "arbiter-test-reader-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            try {
                // Reading a topic that does not exist yet creates it, as the first producer would.
                List<PartitionInfo> infos = consumer.partitionsFor(topic, POLL.multipliedBy(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Metadata not there yet: try again until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Topic " + topic + " has no partitions");
            }
        }
    }

    private static List<EventEnvelope> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(KafkaTestClient::decode).toList();
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).limit(20).toList();
    }
}
