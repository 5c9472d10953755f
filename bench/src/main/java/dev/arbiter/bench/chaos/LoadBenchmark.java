package dev.arbiter.bench.chaos;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.OpenLoop;
import dev.arbiter.bench.common.PhaseStats;
import dev.arbiter.bench.common.StackTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Open-loop load of realistic judging traffic against task-service at rising rates: experts claim, send
 * workbench events, save drafts and submit; the lab reads its job's progress (one request in ten). Each step
 * offers a fixed arrival rate for a while; a request that could not start on time counts its latency from when
 * it was due. Steps rise until p99 passes 1 s; the answer is the highest rate held with p99 ≤ 500 ms and no
 * errors. Run it with {@code --replicas 1} and {@code --replicas 2} to compare.
 */
public final class LoadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String description() {
        return "open-loop judging traffic (claim, events, draft, submit; lab progress) at rising rates until p99 > 1 s";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --rates R1,R2,...   offered requests/s per step (25,50,100,150,200,300,400,500,600,800)",
                "  --step DURATION     length of each step (30s)",
                "  --warmup DURATION   unrecorded warm-up at the first rate (15s)",
                "  --experts N         experts judging (60; each may claim 10 times a second)",
                "  --items N           items of the job, one judgment each (30000)",
                "  --timeout DURATION  a request not answered by then is an error (10s)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        double[] rates = Arrays.stream(options.string("rates", "25,50,100,150,200,300,400,500,600,800").split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        Duration step = options.duration("step", Duration.ofSeconds(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(15));
        Duration timeout = options.duration("timeout", Duration.ofSeconds(10));
        int experts = options.integer("experts", 60);
        int items = options.integer("items", 30_000);
        List<String> urls = target.serviceUrls("task-service");
        progress(fmt("setup: a lab, a job of %d items, %d experts; task-service replicas %s", items, experts, urls));
        JudgingSetup setup = JudgingSetup.create(target, items, experts, 1);

        Workload warm = new Workload(setup, () -> urls, false, 10, timeout, new PhaseStats("warm-up"));
        progress(fmt("warm-up: %.0f req/s for %d s (not recorded)", rates[0], warmup.toSeconds()));
        OpenLoop.run(rates[0], warmup, warm::fire);
        warm.drain(timeout.plusSeconds(5));
        warm.close();

        List<PhaseStats> steps = new ArrayList<>();
        List<Double> offered = new ArrayList<>();
        double held = 0;
        for (double rate : rates) {
            PhaseStats stats = new PhaseStats(fmt("%.0f req/s", rate));
            Workload workload = new Workload(setup, () -> urls, false, 10, timeout, stats);
            progress(fmt("step: %.0f req/s offered for %d s ...", rate, step.toSeconds()));
            OpenLoop.run(rate, step, workload::fire);
            stats.end();
            workload.drain(timeout.plusSeconds(5));
            workload.close();
            steps.add(stats);
            offered.add(rate);
            LatencyStats all = stats.all();
            progress(fmt("  achieved %.1f ok/s, p50 %.1f ms, p99 %.1f ms, errors %d, nothing to claim %d", all.perSecond(), all.p50(),
                    all.p99(), all.errors(), workload.nothingToClaim.get()));
            if (all.p99() <= 500 && all.errors() == 0) {
                held = Math.max(held, rate);
            }
            if (all.p99() > 1000) {
                break;
            }
        }

        System.out.println();
        System.out.println(fmt("== load: open-loop judging traffic, task-service replicas: %d (%s)", urls.size(), String.join(", ", urls)));
        String head = fmt("%10s %10s %9s %9s %9s %9s %8s", "offered/s", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        System.out.println(head);
        System.out.println("-".repeat(head.length()));
        for (int i = 0; i < steps.size(); i++) {
            LatencyStats s = steps.get(i).all();
            System.out.println(fmt("%10.0f %10.1f %9.1f %9.1f %9.1f %9.1f %8d", offered.get(i), s.perSecond(), s.p50(), s.p90(), s.p99(),
                    s.max(), s.errors()));
        }
        System.out.println();
        System.out.println(fmt("  highest rate held with p99 <= 500 ms and no errors: %s req/s (%d task-service replica(s))",
                held == 0 ? "none" : fmt("%.0f", held), urls.size()));
        System.out.println("  mix: per flow claim, events, draft, events, submit (5 requests); every 10th request a lab's progress read");
        System.out.println("  latency counts from each request's scheduled time (open loop): waiting to start is part of it");
        for (PhaseStats s : steps) {
            if (s.errorCount() > 0) {
                System.out.println("  errors at " + s.name() + ": " + s.errorsByClass());
            }
        }
        System.out.println();
        for (PhaseStats s : steps) {
            s.print(System.out);
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
