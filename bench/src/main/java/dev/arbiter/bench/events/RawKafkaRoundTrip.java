package dev.arbiter.bench.events;

import dev.arbiter.bench.common.LatencyRecorder;
import dev.arbiter.bench.common.LatencyStats;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: a plain KafkaProducer to KafkaConsumer loop on the same broker, with the relay's
 * producer settings (acks=all, idempotent, linger 1 ms), records about the size of an envelope,
 * offered at the same rate as the outbox run. Latency = consumer poll return − producer send call,
 * both on this JVM's monotonic clock.
 */
final class RawKafkaRoundTrip {

    private static final int RECORD_BYTES = 160;

    private RawKafkaRoundTrip() {
    }

    static LatencyStats run(String bootstrap, int count, double ratePerSecond, int partitions) throws Exception {
        String topic = "bench.raw-roundtrip." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        LatencyRecorder recorder = new LatencyRecorder();
        LatencyRecorder.Series series = recorder.newSeries();
        AtomicLong received = new AtomicLong();
        AtomicBoolean assigned = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumerThread = new Thread(() -> consume(bootstrap, topic, partitions, series, received, assigned, stop),
                "raw-kafka-consumer");
        consumerThread.setDaemon(true);
        consumerThread.start();
        while (!assigned.get()) {
            Thread.sleep(10);
        }
        long began;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (ratePerSecond > 0) {
                    long due = began + (long) (i * 1e9 / ratePerSecond);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                byte[] value = new byte[RECORD_BYTES];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - began;
        stop.set(true);
        consumerThread.join(10_000);
        if (received.get() < count) {
            throw new IllegalStateException("raw Kafka loop received only " + received.get() + " of " + count + " records");
        }
        recorder.addElapsed(elapsed);
        return recorder.stats();
    }

    private static void consume(String bootstrap, String topic, int partitions, LatencyRecorder.Series series,
                                AtomicLong received, AtomicBoolean assigned, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(i -> new TopicPartition(topic, i)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            all.forEach(consumer::position); // resolve offsets before the producer starts
            assigned.set(true);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    series.record(System.nanoTime() - ByteBuffer.wrap(r.value()).getLong());
                    received.incrementAndGet();
                }
            }
        }
    }

    private static Properties producerProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
