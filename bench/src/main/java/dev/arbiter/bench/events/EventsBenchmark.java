package dev.arbiter.bench.events;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end event latency: {@code ExpertRegistered} rows committed to marketplace-api's outbox,
 * relayed to {@code marketplace.accounts.v1}, consumed by payout-service into its inbox (and its
 * four ledger accounts per expert). Baseline in the same run: a plain producer→consumer loop on the
 * same broker at the same offered rate.
 */
public final class EventsBenchmark implements Benchmark {

    private static final double GOAL_P99_MS = 250;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String description() {
        return "outbox -> Kafka -> inbox latency of 10,000 ExpertRegistered events vs a raw Kafka producer->consumer loop";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --events N         events per measured run (10000)",
                "  --rate R           offered rate of the steady run, events/s (1000)",
                "  --writers W        JDBC connections writing outbox rows (4)",
                "  --warmup-events N  unreported warm-up events through the pipeline first (500)",
                "  --skip-max-rate    leave out the run at the writers' maximum rate",
                "  --stall D          fail when no event arrives for this long (60s)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int count = options.integer("events", 10_000);
        int rate = options.integer("rate", 1000);
        int writers = options.integer("writers", 4);
        int warmupEvents = options.integer("warmup-events", 500);
        boolean maxRate = !options.flag("skip-max-rate");
        Duration stall = options.duration("stall", Duration.ofSeconds(60));

        if (warmupEvents > 0) {
            progress("warm-up: " + warmupEvents + " events at " + rate + "/s");
            runPipeline(target, warmupEvents, rate, writers, stall);
        }
        int partitions = partitions(target.kafkaBootstrapServers(), OutboxLoad.TOPIC);

        progress("baseline: raw Kafka producer->consumer, " + count + " records at " + rate + "/s, " + partitions + " partitions");
        LatencyStats raw = RawKafkaRoundTrip.run(target.kafkaBootstrapServers(), count, rate, partitions);

        progress("pipeline: " + count + " events at " + rate + "/s");
        Run steady = runPipeline(target, count, rate, writers, stall);

        Run fastest = null;
        if (maxRate) {
            progress("pipeline: " + count + " events at the writers' maximum rate (" + writers + " connections)");
            fastest = runPipeline(target, count, 0, writers, stall);
        }

        ResultsTable table = new ResultsTable(String.format(Locale.ROOT,
                "events: %,d events per run, outbox created_at -> payout-service inbox processed_at", count), "events/s");
        table.row(String.format(Locale.ROOT, "raw Kafka loop @ %d/s (baseline)", rate), raw);
        stageRows(table, "@ " + rate + "/s", steady.result);
        if (fastest != null) {
            stageRows(table, "@ max rate", fastest.result);
        }
        table.line(String.format(Locale.ROOT, "%-40s p99 %.2fx (%.1f ms vs %.1f ms), p50 %.2fx",
                "outbox pipeline / raw Kafka @ " + rate + "/s", steady.result.latency().p99() / raw.p99(),
                steady.result.latency().p99(), raw.p99(), steady.result.latency().p50() / raw.p50()));
        table.line(verdict("@ " + rate + "/s", steady));
        if (fastest != null) {
            table.line(verdict("@ max rate", fastest));
        }
        table.line(writeRate("@ " + rate + "/s", steady));
        if (fastest != null) {
            table.line(writeRate("@ max rate", fastest));
        }
        table.line(checks("@ " + rate + "/s", steady, count));
        if (fastest != null) {
            table.line(checks("@ max rate", fastest, count));
        }
        table.note("pipeline latency = payouts.inbox_event.processed_at - marketplace.outbox_message.created_at, both now() "
                + "(transaction start) on the same PostgreSQL server");
        table.note("errors on a pipeline row = events that consumer had not recorded when measured");
        table.note("events/s of a pipeline run = events / (last processed - first created)");
        table.note("rows are inserted directly (no in-process wake-up hint to the relay): its 20 ms idle poll is included");
        table.note("relay claim = outbox published_at - created_at (published_at is now() of the relay's claiming transaction)");
        table.note("records on topic = growth of marketplace.accounts.v1's end offsets during the run (a relay re-send "
                + "would show here; the inbox's primary key makes a duplicate inbox row impossible, so payees and accounts "
                + "check the effect happened once)");
        table.note("raw loop latency = consumer poll return - producer send call; same broker, acks=all, idempotent, linger 1 ms");
        table.print(System.out);

        for (Run run : fastest == null ? List.of(steady) : List.of(steady, fastest)) {
            if (!exactlyOnce(run, count)) {
                throw new IllegalStateException("events lost or duplicated: " + run.recordsOnTopic + " records, " + run.result);
            }
        }
    }

    /** One batch written, awaited and measured. */
    private record Run(List<OutboxLoad.Event> events, long writeNanos, long recordsOnTopic,
                       PipelineMeasurement.Result result) {
    }

    private static Run runPipeline(StackTarget target, int count, double rate, int writers, Duration stall) throws Exception {
        List<OutboxLoad.Event> events = OutboxLoad.newEvents(count);
        long offsetsBefore = endOffsets(target.kafkaBootstrapServers(), OutboxLoad.TOPIC);
        long writeNanos = OutboxLoad.write(target, events, rate, writers);
        UUID[] ids = events.stream().map(OutboxLoad.Event::eventId).toArray(UUID[]::new);
        PipelineMeasurement.awaitAll(target, ids, stall);
        awaitOtherConsumers(target, ids);
        long recordsOnTopic = endOffsets(target.kafkaBootstrapServers(), OutboxLoad.TOPIC) - offsetsBefore;
        return new Run(events, writeNanos, recordsOnTopic, PipelineMeasurement.measure(target, events));
    }

    /** Sum of the topic's end offsets (0 before it exists): the records ever appended to it. */
    private static long endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** Gives task-service and qualification-service a bounded time to catch up; a shortfall shows as errors. */
    private static void awaitOtherConsumers(StackTarget target, UUID[] ids) throws Exception {
        for (Map.Entry<String, String> consumer : PipelineMeasurement.OTHER_CONSUMERS.entrySet()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (PipelineMeasurement.arrived(target, consumer.getValue(), consumer.getKey(), ids) < ids.length
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
    }

    private static void stageRows(ResultsTable table, String label, PipelineMeasurement.Result r) {
        table.row("outbox pipeline " + label + " (payout-service)", r.latency());
        table.row("  stage: relay claim (published_at)", r.relayPickup());
        r.otherConsumers().forEach((consumer, stats) -> table.row("  same events, " + consumer + " inbox", stats));
    }

    private static String verdict(String label, Run run) {
        double p99 = run.result.latency().p99();
        return String.format(Locale.ROOT, "%-40s p99 %.1f ms -> %s (goal p99 <= %.0f ms)", "outbox pipeline " + label, p99,
                p99 <= GOAL_P99_MS ? "within goal" : "OVER goal", GOAL_P99_MS);
    }

    private static String writeRate(String label, Run run) {
        int n = run.events.size();
        return String.format(Locale.ROOT, "%-40s %,d outbox rows committed in %.2f s = %.0f rows/s offered",
                "writers " + label, n, run.writeNanos / 1e9, n / (run.writeNanos / 1e9));
    }

    private static String checks(String label, Run run, int count) {
        PipelineMeasurement.Result r = run.result;
        boolean ok = exactlyOnce(run, count);
        return String.format(Locale.ROOT, "%-40s records on topic %,d, payout inbox rows %,d (distinct %,d), payees %,d, "
                        + "ledger accounts %,d, unpublished %d -> %s", "exactly once " + label, run.recordsOnTopic,
                r.inboxRows(), r.distinctInboxRows(), r.payees(), r.ledgerAccounts(), r.unpublished(), ok ? "OK" : "MISMATCH");
    }

    private static boolean exactlyOnce(Run run, int count) {
        PipelineMeasurement.Result r = run.result;
        return run.recordsOnTopic == count && r.inboxRows() == count && r.distinctInboxRows() == count
                && r.ledgerAccounts() == 4L * count && r.payees() == count && r.unpublished() == 0;
    }

    private static int partitions(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
