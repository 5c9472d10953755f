package dev.arbiter.deploy.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts, after faults, what the stack must never get wrong, straight from the databases and the topics:
 * every acknowledged write stored exactly once, no slot assigned twice, every outbox row published, every
 * event on a topic applied exactly once by each consumer (its inbox rows against the topic's event ids), the
 * ledger's trial balance at zero and every finalised session accrued once. Each figure is a count that must be
 * exact; {@link Report#problems()} names each one that is off. Used by {@code bench chaos} and {@code ChaosTest}.
 */
public final class StackAudit {

    /** Opens a JDBC connection to one service's database ({@code tasks}, {@code payouts}, ...). */
    @FunctionalInterface
    public interface Databases {
        Connection connect(String database) throws SQLException;
    }

    /**
     * A topic, the database whose outbox feeds it, its producer's name, its consumers (service → database) and, for a
     * consumer that acts on only some of the topic's events, the envelope's payload field numbers it acts on (its
     * inbox leaves the others out: its {@code ACTS_ON}); a consumer not named there acts on every event.
     */
    public record Flow(String topic, String producerDatabase, String producer, Map<String, String> consumers,
                       Map<String, Set<Integer>> actsOn) {
        Flow(String topic, String producerDatabase, String producer, Map<String, String> consumers) {
            this(topic, producerDatabase, producer, consumers, Map.of());
        }
    }

    /** Every topic of the platform, who writes it and who reads it (each service's application.properties). */
    public static final List<Flow> FLOWS = List.of(
            new Flow("marketplace.accounts.v1", "marketplace", "marketplace-api",
                    ordered("qualification-service", "qualification", "task-service", "tasks", "payout-service", "payouts")),
            // payload field numbers: proto/.../envelope.proto; the sets are the consumers' ACTS_ON
            new Flow("qualification.events.v1", "qualification", "qualification-service",
                    ordered("marketplace-api", "marketplace", "task-service", "tasks"),
                    Map.of("marketplace-api", Set.of(20, 21))),
            new Flow("tasks.events.v1", "tasks", "task-service",
                    ordered("payout-service", "payouts", "qualification-service", "qualification"),
                    Map.of("payout-service", Set.of(51, 50, 45, 46, 41, 47, 48), "qualification-service", Set.of(44))),
            new Flow("payouts.events.v1", "payouts", "payout-service", ordered("task-service", "tasks"),
                    Map.of("task-service", Set.of(60, 62, 63))));

    /** What the clients were told succeeded: the ids the 2xx answers carried. */
    public record Acknowledged(Set<UUID> judgments, Set<UUID> reviews, Set<String> batches) {
        /** {@code batches} holds {@code sessionId:seq}. */
        public static String batch(UUID session, int seq) {
            return session + ":" + seq;
        }
    }

    /** One named count and whether it is what it must be. */
    public record Count(String name, long value, long expected, boolean mustEqual) {
        public boolean ok() {
            return !mustEqual || value == expected;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-78s %9d%s", name, value,
                    !mustEqual ? "" : value == expected ? "   ok" : "   WRONG (must be " + expected + ")");
        }
    }

    /** Every count, in the order they were taken. */
    public record Report(List<Count> counts) {
        public List<Count> problems() {
            return counts.stream().filter(c -> !c.ok()).toList();
        }

        public boolean ok() {
            return problems().isEmpty();
        }

        public long value(String name) {
            return counts.stream().filter(c -> c.name().equals(name)).mapToLong(Count::value).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no count named " + name));
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            counts.forEach(c -> b.append("  ").append(c).append(System.lineSeparator()));
            return b.toString();
        }
    }

    private final Databases databases;
    private final String kafkaBootstrapServers;

    public StackAudit(Databases databases, String kafkaBootstrapServers) {
        this.databases = databases;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /**
     * Polls (bounded) until every count is right — the outbox drained, the finaliser and the consumers caught up —
     * and answers the last report, right or not, once {@code timeout} has passed.
     */
    public Report awaitConsistent(Acknowledged acknowledged, Duration timeout, Duration every) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Report report = null;
            try {
                report = audit(acknowledged);
            } catch (SQLException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (report != null && (report.ok() || System.nanoTime() > deadline)) {
                return report;
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** One pass over the databases and the topics. */
    public Report audit(Acknowledged acknowledged) throws Exception {
        List<Count> counts = new ArrayList<>();
        tasks(acknowledged, counts);
        payouts(counts);
        delivery(counts);
        return new Report(counts);
    }

    private void tasks(Acknowledged ack, List<Count> counts) throws SQLException {
        try (Connection db = databases.connect("tasks")) {
            Set<UUID> judgments = uuids(db, "select id from judgment");
            counts.add(info("judgments acknowledged (201) to the workload", ack.judgments().size()));
            counts.add(must("  acknowledged judgments missing from the database (lost)", missing(ack.judgments(), judgments), 0));
            counts.add(must("  tasks with more than one judgment (doubled)",
                    single(db, "select count(*) from (select task_id from judgment group by task_id having count(*) > 1) x"), 0));
            counts.add(info("  judgments stored (acknowledged or not)", judgments.size()));
            counts.add(info("  judgments stored though the client saw an error (ambiguous, not lost)",
                    missing(judgments, ack.judgments())));
            Set<UUID> reviews = uuids(db, "select id from review");
            counts.add(info("reviews acknowledged (201)", ack.reviews().size()));
            counts.add(must("  acknowledged reviews missing from the database (lost)", missing(ack.reviews(), reviews), 0));
            counts.add(must("  judgments reviewed twice by QA", single(db, "select count(*) from (select judgment_id from review "
                    + "where kind = 'REVIEW' group by judgment_id having count(*) > 1) x"), 0));
            Set<String> batches = new HashSet<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select session_id, seq from session_batch")) {
                while (rs.next()) {
                    batches.add(Acknowledged.batch(rs.getObject(1, UUID.class), rs.getInt(2)));
                }
            }
            counts.add(info("session event batches acknowledged (202, not duplicate)", ack.batches().size()));
            counts.add(must("  acknowledged batches missing from the database (lost)", missing(ack.batches(), batches), 0));
            counts.add(must("slots with two live assignments (double-assigned)", single(db, "select count(*) from (select slot_id "
                    + "from task where state in ('LEASED','SUBMITTED','REVISION','ACCEPTED') group by slot_id having count(*) > 1) x"), 0));
            counts.add(must("items with more live assignments than judgments asked", single(db, "select count(*) from (select "
                    + "t.item_id from task t join job j on j.id = t.job_id where t.state in ('LEASED','SUBMITTED','REVISION',"
                    + "'ACCEPTED') group by t.item_id, j.judgments_per_item having count(*) > j.judgments_per_item) x"), 0));
            counts.add(must("items judged twice by one expert", single(db, "select count(*) from (select item_id, expert_id from "
                    + "task where state not in ('RELEASED','EXPIRED') group by item_id, expert_id having count(*) > 1) x"), 0));
            counts.add(must("slots whose state disagrees with their task", single(db, "select count(*) from item_slot s where "
                    + "(s.state = 'DONE') <> exists (select 1 from task t where t.slot_id = s.id and t.state in "
                    + "('SUBMITTED','REVISION','ACCEPTED'))"), 0));
            counts.add(must("work sessions closed but not finalised yet", single(db,
                    "select count(*) from work_session where state = 'CLOSED'"), 0));
        }
    }

    private void payouts(List<Count> counts) throws SQLException {
        Set<UUID> finalised;
        try (Connection db = databases.connect("tasks")) {
            finalised = uuids(db, "select id from work_session where state in ('VERIFIED','FLAGGED','CLEARED','CONFIRMED')");
            counts.add(info("work sessions finalised (VERIFIED)", single(db, "select count(*) from work_session where state = 'VERIFIED'")));
            counts.add(info("work sessions finalised (FLAGGED, accrued as held)",
                    single(db, "select count(*) from work_session where state = 'FLAGGED'")));
        }
        try (Connection db = databases.connect("payouts")) {
            Set<UUID> lines = uuids(db, "select session_id from session_pay");
            counts.add(info("session pay lines (accruals)", lines.size()));
            counts.add(must("  finalised sessions not accrued", missing(finalised, lines), 0));
            counts.add(must("  accruals of sessions not finalised", missing(lines, finalised), 0));
            counts.add(must("  accrual transactions - pay lines with an amount (twice accrued if > 0)",
                    single(db, "select count(*) from ledger_transaction where kind = 'ACCRUAL'")
                            - single(db, "select count(*) from session_pay where amount_minor > 0"), 0));
            counts.add(info("ledger transactions", single(db, "select count(*) from ledger_transaction")));
            counts.add(must("  trial balance: sum of every ledger entry (minor units)",
                    single(db, "select coalesce(sum(amount_minor), 0) from ledger_entry"), 0));
            counts.add(must("  transactions that do not balance", single(db, "select count(*) from (select transaction_id from "
                    + "ledger_entry group by transaction_id, currency having sum(amount_minor) <> 0) x"), 0));
            counts.add(must("  accounts whose balance is not the sum of their entries", single(db, "select count(*) from "
                    + "ledger_account a where a.balance_minor <> coalesce((select sum(e.amount_minor) from ledger_entry e "
                    + "where e.account_id = a.id), 0)"), 0));
        }
    }

    private void delivery(List<Count> counts) throws Exception {
        Map<UUID, Integer> payloadOf = new HashMap<>();
        Map<String, Map<UUID, Integer>> onTopics = readTopics(FLOWS.stream().map(Flow::topic).toList(), payloadOf);
        Map<String, Set<UUID>> inboxes = new HashMap<>();
        for (Flow flow : FLOWS) {
            Map<UUID, Integer> records = onTopics.get(flow.topic());
            Set<UUID> published;
            long rows;
            long unpublished;
            try (Connection db = databases.connect(flow.producerDatabase())) {
                published = uuidsOf(db, "select event_id from outbox_message where topic = ? and published_at is not null", flow.topic());
                rows = single(db, "select count(*) from outbox_message where topic = '" + flow.topic() + "'");
                unpublished = single(db, "select count(*) from outbox_message where topic = '" + flow.topic()
                        + "' and published_at is null");
            }
            String t = flow.topic();
            counts.add(info(t + ": outbox rows (" + flow.producerDatabase() + ")", rows));
            counts.add(must("  " + t + ": outbox rows not published", unpublished, 0));
            counts.add(info("  " + t + ": records on the topic", records.values().stream().mapToLong(Integer::longValue).sum()));
            counts.add(info("  " + t + ": records published twice (at-least-once; inboxes absorb them)",
                    records.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum()));
            counts.add(must("  " + t + ": published outbox rows missing from the topic", missing(published, records.keySet()), 0));
            counts.add(must("  " + t + ": events on the topic with no outbox row", missing(records.keySet(), published), 0));
            for (Map.Entry<String, String> consumer : flow.consumers().entrySet()) {
                String service = consumer.getKey();
                Set<UUID> applied;
                long parked;
                try (Connection db = databases.connect(consumer.getValue())) {
                    applied = inboxes.containsKey(service) ? inboxes.get(service)
                            : uuidsOf(db, "select event_id from inbox_event where consumer = ?", service);
                    inboxes.put(service, applied);
                    parked = single(db, "select count(*) from inbox_parked where producer = '" + flow.producer() + "'");
                }
                Set<UUID> fromThisTopic = new HashSet<>(applied);
                fromThisTopic.retainAll(records.keySet());
                Set<Integer> cases = flow.actsOn().get(service);
                Set<UUID> expected = new HashSet<>(records.keySet());
                if (cases != null) {
                    expected.removeIf(id -> !cases.contains(payloadOf.get(id)));
                }
                counts.add(info("  " + t + " -> " + service + ": inbox rows (applied once each)", fromThisTopic.size()));
                counts.add(must("  " + t + " -> " + service + ": events on the topic " + (cases == null ? "" : "it acts on ")
                        + "not applied", missing(expected, applied), 0));
                counts.add(must("  " + t + " -> " + service + ": events parked", parked, 0));
            }
        }
    }

    /** Every record of each topic from its first offset to its end, counted per event id. */
    private Map<String, Map<UUID, Integer>> readTopics(Collection<String> topics, Map<UUID, Integer> payloadOf) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Map<UUID, Integer>> out = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                out.put(topic, new HashMap<>());
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end within 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        UUID id = eventId(r.value());
                        out.get(r.topic()).merge(id, 1, Integer::sum);
                        payloadOf.put(id, payloadField(r.value()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The {@code event_id} of a serialized {@code EventEnvelope}: field 1, length-delimited, a UUID string. Read from the
     * wire format directly, so that the audit needs no generated classes.
     */
    static UUID eventId(byte[] envelope) {
        int i = 0;
        while (i < envelope.length) {
            long[] tag = varint(envelope, i);
            i = (int) tag[1];
            int field = (int) (tag[0] >>> 3);
            int wire = (int) (tag[0] & 7);
            switch (wire) {
                case 0 -> i = (int) varint(envelope, i)[1];
                case 1 -> i += 8;
                case 5 -> i += 4;
                case 2 -> {
                    long[] length = varint(envelope, i);
                    i = (int) length[1];
                    if (field == 1) {
                        return UUID.fromString(new String(envelope, i, (int) length[0], StandardCharsets.UTF_8));
                    }
                    i += (int) length[0];
                }
                default -> throw new IllegalArgumentException("not an event envelope (wire type " + wire + ")");
            }
        }
        throw new IllegalArgumentException("an event envelope without an event id");
    }

    /** The field number of a serialized envelope's payload (the oneof, fields 10 and up), or 0 when it has none. */
    static int payloadField(byte[] envelope) {
        int i = 0;
        while (i < envelope.length) {
            long[] tag = varint(envelope, i);
            i = (int) tag[1];
            int field = (int) (tag[0] >>> 3);
            int wire = (int) (tag[0] & 7);
            switch (wire) {
                case 0 -> i = (int) varint(envelope, i)[1];
                case 1 -> i += 8;
                case 5 -> i += 4;
                case 2 -> {
                    if (field >= 10) {
                        return field;
                    }
                    long[] length = varint(envelope, i);
                    i = (int) length[1] + (int) length[0];
                }
                default -> throw new IllegalArgumentException("not an event envelope (wire type " + wire + ")");
            }
        }
        return 0;
    }

    private static long[] varint(byte[] b, int at) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte next = b[at++];
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return new long[] {value, at};
            }
            shift += 7;
        }
    }

    private static <T> long missing(Set<T> expected, Set<T> present) {
        return expected.stream().filter(e -> !present.contains(e)).count();
    }

    private static Count must(String name, long value, long expected) {
        return new Count(name, value, expected, true);
    }

    private static Count info(String name, long value) {
        return new Count(name, value, 0, false);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<UUID> uuids(Connection db, String sql) throws SQLException {
        Set<UUID> out = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    private static Set<UUID> uuidsOf(Connection db, String sql, String parameter) throws SQLException {
        Set<UUID> out = new HashSet<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
