package dev.arbiter.bench.events;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.CpuTable;
import dev.arbiter.bench.common.ProcessCpu;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end event latency of every consumer: events committed to their producer's outbox, relayed to the topic,
 * applied by each consuming service into its inbox. Two streams reach all four consumers: {@code ExpertRegistered}
 * from marketplace-api (payout-service, task-service, qualification-service) and {@code ExpertQualified} from
 * qualification-service (marketplace-api, task-service); each stream runs on its own, at the same offered rate.
 * Baseline in the same run: a plain producer→consumer loop on the same broker at the same offered rate.
 */
public final class EventsBenchmark implements Benchmark {

    private static final double GOAL_P99_MS = 250;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String description() {
        return "outbox -> Kafka -> inbox latency of every consumer at a steady rate and at the maximum rate, vs a raw "
                + "Kafka producer->consumer loop";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --events N         events per measured run and stream (10000)",
                "  --rate R           offered rate of the steady runs, events/s (1000)",
                "  --writers W        JDBC connections writing outbox rows (4)",
                "  --streams S,...    accounts (payout-, task-, qualification-service), qualification (marketplace-api,",
                "                     task-service); both by default",
                "  --warmup-events N  unreported warm-up events through each stream first (500)",
                "  --skip-max-rate    leave out the runs at the writers' maximum rate",
                "  --stall D          fail when no consumer records an event for this long (60s)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int count = options.integer("events", 10_000);
        int rate = options.integer("rate", 1000);
        int writers = options.integer("writers", 4);
        int warmupEvents = options.integer("warmup-events", 500);
        boolean maxRate = !options.flag("skip-max-rate");
        Duration stall = options.duration("stall", Duration.ofSeconds(60));
        List<EventStream> streams = Arrays.stream(options.string("streams", "accounts,qualification").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(EventStream::named).toList();

        ProcessCpu meter = ProcessCpu.of(target).orElse(null);
        Map<String, Double> idleBefore = meter != null ? meter.backgroundCores(IDLE) : Map.of();
        if (warmupEvents > 0) {
            for (EventStream stream : streams) {
                progress("warm-up: " + warmupEvents + " " + stream.name() + " events at " + rate + "/s");
                runPipeline(target, stream, warmupEvents, rate, writers, stall, null);
            }
        }
        int partitions = partitions(target.kafkaBootstrapServers(), streams.get(0).topic());

        progress("baseline: raw Kafka producer->consumer, " + count + " records at " + rate + "/s, " + partitions + " partitions");
        LatencyStats raw = RawKafkaRoundTrip.run(target.kafkaBootstrapServers(), count, rate, partitions);

        List<Run> runs = new ArrayList<>();
        for (EventStream stream : streams) {
            progress("pipeline " + stream.name() + ": " + count + " events at " + rate + "/s");
            runs.add(runPipeline(target, stream, count, rate, writers, stall, meter));
        }
        if (maxRate) {
            for (EventStream stream : streams) {
                progress("pipeline " + stream.name() + ": " + count + " events at the writers' maximum rate (" + writers
                        + " connections)");
                runs.add(runPipeline(target, stream, count, 0, writers, stall, meter));
            }
        }

        ResultsTable table = new ResultsTable(String.format(Locale.ROOT,
                "events: %,d events per run, outbox created_at -> each consumer's inbox processed_at", count), "events/s");
        table.row(String.format(Locale.ROOT, "raw Kafka loop @ %d/s (baseline)", rate), raw);
        for (Run run : runs) {
            run.result.latency().forEach((consumer, stats) -> table.row(run.label() + " -> " + consumer, stats));
            table.row("  " + run.label() + ": relay claim (published_at)", run.result.relayPickup());
        }
        for (Run run : runs) {
            if (run.rate > 0) {
                run.result.latency().forEach((consumer, stats) -> table.line(String.format(Locale.ROOT,
                        "%-52s p99 %6.1f ms = %5.1fx raw (%.1f ms), p50 %5.1f ms -> %s (goal p99 <= %.0f ms)",
                        run.label() + " -> " + consumer, stats.p99(), stats.p99() / raw.p99(), raw.p99(), stats.p50(),
                        stats.p99() <= GOAL_P99_MS ? "within goal" : "OVER goal", GOAL_P99_MS)));
            }
        }
        for (Run run : runs) {
            if (run.rate <= 0) {
                run.result.latency().forEach((consumer, stats) -> table.line(String.format(Locale.ROOT,
                        "%-52s sustains %,.0f events/s (writers offered %,.0f/s)", run.stream.name() + " max rate -> " + consumer,
                        stats.perSecond(), run.events.size() / (run.writeNanos / 1e9))));
            }
        }
        for (Run run : runs) {
            table.line(String.format(Locale.ROOT, "%-52s %,d outbox rows committed in %.2f s = %.0f rows/s offered",
                    "writers " + run.label(), run.events.size(), run.writeNanos / 1e9, run.events.size() / (run.writeNanos / 1e9)));
        }
        for (Run run : runs) {
            table.line(checks(run, count));
        }
        table.note("latency = <consumer db>.inbox_event.processed_at - <producer db>.outbox_message.created_at, both now() "
                + "(transaction start) on the same PostgreSQL server");
        table.note("events/s of a pipeline row = events / (first created -> last processed); at max rate: what that consumer "
                + "sustains (bounded by what the writers offer)");
        table.note("errors on a pipeline row = events that consumer had not recorded when measured");
        table.note("rows are inserted directly (no in-process wake-up hint to the relay): its idle poll is included");
        table.note("relay claim = outbox published_at - created_at (published_at is now() of the relay's claiming transaction)");
        table.note("records on topic = growth of the topic's end offsets during the run (a relay re-send would show here); "
                + "inbox rows are counted distinct per consumer; payees and ledger accounts check payout-service's effect happened once");
        table.note("raw loop latency = consumer poll return - producer send call; same broker, acks=all, idempotent, linger 1 ms");
        table.print(System.out);
        Map<String, Double> background = meter != null ? ProcessCpu.lower(idleBefore, meter.backgroundCores(IDLE)) : Map.of();
        Map<String, Map<String, Double>> cpuPerEvent = new LinkedHashMap<>();
        runs.forEach(run -> {
            if (!run.cpu.isEmpty()) {
                cpuPerEvent.put(run.label(), ProcessCpu.perOperation(run.cpu, run.cpuSeconds, count, background));
            }
        });
        CpuTable cpu = new CpuTable(cpuPerEvent, background).per("event (from the outbox insert to the last consumer's commit)");
        runs.stream().filter(run -> run.rate > 0).forEach(run -> cpu.demand(run.label(), run.rate));
        cpu.print(System.out);

        for (Run run : runs) {
            if (!exactlyOnce(run, count)) {
                throw new IllegalStateException("events lost or duplicated: " + run.recordsOnTopic + " records, " + run.result);
            }
        }
    }

    /** One batch of one stream written, awaited and measured. */
    private record Run(EventStream stream, double rate, List<OutboxLoad.Event> events, long writeNanos, long recordsOnTopic,
                       PipelineMeasurement.Result result, Map<String, Double> cpu, double cpuSeconds) {
        String label() {
            return stream.name() + (rate > 0 ? String.format(Locale.ROOT, " @ %.0f/s", rate) : " @ max rate");
        }
    }

    /** Writes, awaits and measures one batch; with {@code meter} (may be null), reads the CPU it costs. */
    private static Run runPipeline(StackTarget target, EventStream stream, int count, double rate, int writers, Duration stall,
                                   ProcessCpu meter) throws Exception {
        List<OutboxLoad.Event> events = OutboxLoad.newEvents(count);
        long offsetsBefore = endOffsets(target.kafkaBootstrapServers(), stream.topic());
        // CPU from the first outbox insert until every consumer has the last event: all the work the events cause
        Map<String, Double> cpuBefore = meter != null ? meter.snapshot() : Map.of();
        long started = System.nanoTime();
        long writeNanos = OutboxLoad.write(target, stream, events, rate, writers);
        UUID[] ids = events.stream().map(OutboxLoad.Event::eventId).toArray(UUID[]::new);
        PipelineMeasurement.awaitAll(target, stream, ids, stall);
        Map<String, Double> cpu = meter == null ? Map.of() : ProcessCpu.since(cpuBefore, meter.snapshot());
        double cpuSeconds = (System.nanoTime() - started) / 1e9;
        long recordsOnTopic = endOffsets(target.kafkaBootstrapServers(), stream.topic()) - offsetsBefore;
        return new Run(stream, rate, events, writeNanos, recordsOnTopic, PipelineMeasurement.measure(target, stream, events),
                cpu, cpuSeconds);
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

    private static String checks(Run run, int count) {
        PipelineMeasurement.Result r = run.result;
        String payout = r.payees() < 0 ? "" : String.format(Locale.ROOT, ", payees %,d, ledger accounts %,d", r.payees(),
                r.ledgerAccounts());
        return String.format(Locale.ROOT, "%-52s records on topic %,d, distinct inbox rows %s%s, unpublished %d -> %s",
                "exactly once " + run.label(), run.recordsOnTopic, r.distinctInboxRows(), payout, r.unpublished(),
                exactlyOnce(run, count) ? "OK" : "MISMATCH");
    }

    /** How long the stack's idle CPU is read, before the warm-up and after the runs (the lower reading counts). */
    private static final Duration IDLE = Duration.ofSeconds(3);

    /** payout-service opens one ledger account per expert kind (pending, held, payable, in batch, paid). */
    private static final long EXPERT_LEDGER_ACCOUNTS = 5;

    private static boolean exactlyOnce(Run run, int count) {
        PipelineMeasurement.Result r = run.result;
        boolean payout = r.payees() < 0 || (r.ledgerAccounts() == EXPERT_LEDGER_ACCOUNTS * count && r.payees() == count);
        return run.recordsOnTopic == count && payout && r.unpublished() == 0
                && r.distinctInboxRows().values().stream().allMatch(n -> n == count);
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
