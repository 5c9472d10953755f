package dev.arbiter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three KRaft nodes in one JVM: every topic on all three, and any one of them may be down. */
class LocalKafkaClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepProducingAndConsumingWithOneOfThreeBrokersDown() throws Exception {
        Path logDir = dataDir.resolve("kafka");
        try (LocalKafka kafka = LocalKafka.startCluster(logDir, 3)) {
            assertEquals(3, kafka.bootstrapServers().split(",").length, kafka.bootstrapServers());
            produce(kafka, "accounts", "before");
            assertEquals(List.of("before"), consumeInGroup(kafka, "accounts", "payouts", 1));
            try (Admin admin = admin(kafka)) {
                for (String topic : List.of("accounts", "__consumer_offsets")) {
                    for (TopicPartitionInfo p : describe(admin, topic).partitions()) {
                        assertEquals(3, p.replicas().size(), topic + " partition " + p.partition() + " is on every broker");
                    }
                }
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
                assertEquals("2", admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS)
                        .get(broker).get("min.insync.replicas").value());
            }

            kafka.stopBroker(1);
            assertTrue(!kafka.isRunning(1));
            // acks=all with min.insync.replicas=2: two live brokers are enough for every write
            produce(kafka, "accounts", "while-one-is-down");
            produce(kafka, "tasks", "new-topic-while-one-is-down");
            assertEquals(List.of("while-one-is-down"), consumeInGroup(kafka, "accounts", "payouts", 1));
            assertEquals(List.of("new-topic-while-one-is-down"), consumeInGroup(kafka, "tasks", "payouts", 1));

            kafka.startBroker(1);
            // the node comes back on its port and directory and catches up: every partition in sync on three again
            try (Admin admin = admin(kafka)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Set<Integer> inSync;
                do {
                    inSync = new TreeSet<>();
                    for (TopicPartitionInfo p : describe(admin, "accounts").partitions()) {
                        if (p.isr().size() == 3) {
                            inSync.add(p.partition());
                        }
                    }
                    if (inSync.size() < 3) {
                        Thread.sleep(200);
                    }
                } while (inSync.size() < 3 && System.nanoTime() < deadline);
                assertEquals(Set.of(0, 1, 2), inSync, "every partition of accounts has all three brokers in sync");
            }
        }
        // a restart of the whole cluster keeps the committed offsets: nothing is delivered twice
        try (LocalKafka kafka = LocalKafka.startCluster(logDir, 3)) {
            produce(kafka, "accounts", "after-restart");
            assertEquals(List.of("after-restart"), consumeInGroup(kafka, "accounts", "payouts", 1));
        }
    }

    @Test
    void shouldRefuseToRunOneKindOfKafkaOnTheOthersDirectoryBeforeStartingAnything() throws Exception {
        Path single = dataDir.resolve("single");
        // what a single broker leaves in its directory once formatted
        Files.createDirectories(single);
        Files.writeString(single.resolve("meta.properties"), "version=1\nnode.id=1\ncluster.id=cG9ydGFibGUtY2x1c3Rlcg\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalKafka.startCluster(single, 3));
        assertTrue(e.getMessage().contains("single-broker"), e.getMessage());

        Path cluster = dataDir.resolve("cluster");
        Files.createDirectories(cluster.resolve("node-1"));
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> LocalKafka.start(cluster, 0));
        assertTrue(other.getMessage().contains("three-broker"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalKafka.startCluster(cluster, 2));
    }

    private static Admin admin(LocalKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static void produce(LocalKafka kafka, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(90, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeInGroup(LocalKafka kafka, String topic, String group, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
