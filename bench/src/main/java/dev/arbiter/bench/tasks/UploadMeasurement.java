package dev.arbiter.bench.tasks;

import static dev.arbiter.bench.tasks.TasksBenchmark.fmt;
import static dev.arbiter.bench.tasks.TasksBenchmark.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads N items as NDJSON (about 1 KB each) and samples the service's heap from /q/metrics while it
 * streams in. Baseline: a bare JDBC client inserting the same items and slots in batches of 500.
 */
public final class UploadMeasurement {

    record Result(String jobId, int items) {
    }

    private final TaskBench bench;

    UploadMeasurement(TaskBench bench) {
        this.bench = bench;
    }

    Result run(int items, boolean report) throws Exception {
        String jobId = bench.createJob(bench.domain(), 1);
        Path file = ndjson(items, 420);
        long bytes = Files.size(file);
        progress(fmt("uploading %d items (%.1f MB) to job %s ...", items, bytes / 1e6, jobId));
        // /q/metrics is on the service's management interface, not its public port
        String management = bench.target.managementUrl("task-service");
        HeapSampler heap = new HeapSampler(management == null ? null : management + "/q/metrics");
        Thread sampler = new Thread(heap, "heap-sampler");
        long idleHeap = heap.sample();
        sampler.start();
        long t0 = System.nanoTime();
        JsonNode answer = upload(bench, jobId, file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.stop.set(true);
        sampler.join();
        if (answer.get("accepted").asInt() != items) {
            throw new IllegalStateException("upload accepted " + answer.get("accepted") + " of " + items + ": " + answer);
        }
        if (report) {
            progress("baseline: bare JDBC batch insert of the same items ...");
            double baseline = baseline(file);
            System.out.println();
            System.out.println(fmt("== upload: %d items, %.1f MB NDJSON, one POST /api/jobs/{id}/items", items, bytes / 1e6));
            System.out.println(fmt("  task-service upload           %8.2f s   %7.0f items/s   %6.1f MB/s", seconds, items / seconds,
                    bytes / 1e6 / seconds));
            System.out.println(fmt("  bare JDBC batch insert (base) %8.2f s   %7.0f items/s", baseline, items / baseline));
            System.out.println(fmt("  upload / baseline time        %8.2fx", seconds / baseline));
            if (idleHeap < 0 || heap.peak.get() <= 0) {
                System.out.println("  service heap: not sampled (task-service's management interface /q/metrics not found; "
                        + "against a running stack give --task-service-management URL)");
            } else {
                System.out.println(fmt("  service heap used: %.0f MB before, peak %.0f MB during the upload (sampled every 100 ms, "
                        + "%d samples; upload file %.0f MB)", idleHeap / 1e6, heap.peak.get() / 1e6, heap.samples.get(), bytes / 1e6));
            }
            System.out.println("  note: the service parses, validates and inserts 500 items + slots per transaction; "
                    + "the baseline skips HTTP and validation");
        }
        Files.delete(file);
        return new Result(jobId, items);
    }

    /** Items of about {@code size} characters each, in a temp file. */
    public static Path ndjson(int items, int responseChars) throws Exception {
        Path file = Files.createTempFile("bench-items-", ".ndjson");
        String filler = "The answer explains the reasoning step by step and cites the relevant rule. ".repeat(responseChars / 76 + 1)
                .substring(0, responseChars);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < items; i++) {
                w.write("{\"externalId\":\"q" + i + "\",\"prompt\":\"Question " + i + ": what does the rule say about case "
                        + i + "?\",\"responses\":[{\"id\":\"r1\",\"text\":\"A" + i + ". " + filler + "\",\"model\":\"model-a\"},"
                        + "{\"id\":\"r2\",\"text\":\"B" + i + ". " + filler + "\",\"model\":\"model-b\"}]}\n");
            }
        }
        return file;
    }

    public static JsonNode upload(TaskBench bench, String jobId, Path file) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(bench.tasks + "/api/jobs/" + jobId + "/items"))
                .header("Authorization", "Bearer " + bench.labToken).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return new ObjectMapper().readTree(r.body());
    }

    private double baseline(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        UUID job = UUID.randomUUID();
        try (Connection db = bench.target.connect("tasks")) {
            try (Statement s = db.createStatement()) {
                s.execute("create table bench_item (like item including defaults)");
                s.execute("create table bench_slot2 (job_id uuid, item_id uuid, slot_index int)");
            }
            db.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 PreparedStatement item = db.prepareStatement("insert into bench_item (id, job_id, line_no, external_id, prompt, "
                         + "responses) values (?, ?, ?, ?, ?, ?::jsonb)");
                 PreparedStatement slot = db.prepareStatement("insert into bench_slot2 values (?, ?, 1)")) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    JsonNode node = json.readTree(line);
                    UUID id = UUID.randomUUID();
                    item.setObject(1, id);
                    item.setObject(2, job);
                    item.setInt(3, ++n);
                    item.setString(4, node.get("externalId").asText());
                    item.setString(5, node.get("prompt").asText());
                    item.setString(6, node.get("responses").toString());
                    item.addBatch();
                    slot.setObject(1, job);
                    slot.setObject(2, id);
                    slot.addBatch();
                    if (n % 500 == 0) {
                        item.executeBatch();
                        slot.executeBatch();
                        db.commit();
                    }
                }
                item.executeBatch();
                slot.executeBatch();
                db.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("drop table bench_item");
                s.execute("drop table bench_slot2");
            }
            return seconds;
        }
    }

    /** Polls the service's heap (sum of jvm_memory_used_bytes over heap pools) and keeps the peak. */
    static final class HeapSampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong peak = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final String url;
        private final HttpClient client = HttpClient.newHttpClient();

        HeapSampler(String url) {
            this.url = url;
        }

        /** The heap in use now, or -1 when it cannot be read (no management URL, or no such metric there). */
        long sample() throws Exception {
            if (url == null) {
                return -1;
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            String body = r.body();
            long sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    long used = sample();
                    if (used > 0) {
                        samples.incrementAndGet();
                    }
                    peak.accumulateAndGet(used, Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }
}
