package dev.arbiter.bench.tasks;

import static dev.arbiter.bench.tasks.TasksBenchmark.fmt;
import static dev.arbiter.bench.tasks.TasksBenchmark.progress;

import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Exports N accepted judgments as {@code trl} through {@code GET /api/jobs/{id}/export}, reading the
 * stream as it arrives. The judgments are seeded straight into the database (one expert, accepted, each
 * with a verified claim session, so every row's provenance is read).
 * Baseline: {@code COPY (the same judgments joined with their items) TO STDOUT} on the same PostgreSQL.
 */
final class ExportMeasurement {

    private final TaskBench bench;

    ExportMeasurement(TaskBench bench) {
        this.bench = bench;
    }

    void run(String jobId, int items) throws Exception {
        progress(fmt("seeding %d accepted judgments into job %s ...", items, jobId));
        String expert = UUID.randomUUID().toString();
        try (Connection db = bench.target.connect("tasks"); Statement s = db.createStatement()) {
            s.execute("insert into task (id, slot_id, job_id, item_id, expert_id, expert_tier, state, response_order, lease_expires_at) "
                    + "select gen_random_uuid(), s.id, s.job_id, s.item_id, '" + expert + "', 2, 'ACCEPTED', '[\"r2\",\"r1\"]', now() "
                    + "from item_slot s where s.job_id = '" + jobId + "'");
            s.execute("update item_slot s set state = 'DONE', task_id = t.id from task t where t.slot_id = s.id and s.job_id = '" + jobId + "'");
            s.execute("insert into judgment (id, task_id, job_id, item_id, expert_id, expert_tier, state, ranking, preference_strength, "
                    + "scores, rationales, critiques, overall_rationale) select gen_random_uuid(), t.id, t.job_id, t.item_id, t.expert_id, 2, "
                    + "'ACCEPTED', '[\"r1\",\"r2\"]', -2, '{\"r1\":{\"accuracy\":5},\"r2\":{\"accuracy\":3}}', "
                    + "'{\"accuracy\":\"The first cites the rule correctly and applies it to the facts.\"}', "
                    + "'[{\"responseId\":\"r2\",\"quote\":null,\"category\":\"FACTUAL_ERROR\",\"severity\":\"MAJOR\",\"comment\":\"Misreads the rule.\"}]', "
                    + "'The first answer is right.' from task t where t.job_id = '" + jobId + "'");
            // each judgment's claim session, verified: the export reads every judgment's provenance through it
            s.execute("insert into work_session (id, task_id, expert_id, job_id, kind, state, opened_at, closed_at, close_reason, "
                    + "counts_until, active_seconds, paid_seconds, finalised_at, signals, external_paste_share) "
                    + "select gen_random_uuid(), t.id, t.expert_id, t.job_id, 'CLAIM', 'VERIFIED', now() - interval '1 hour', "
                    + "now() - interval '50 minutes', 'SUBMITTED', now(), 540, 540, now() - interval '49 minutes', '[]', 0.02 "
                    + "from task t where t.job_id = '" + jobId + "'");
            s.execute("analyze judgment");
            s.execute("analyze work_session");
        }

        progress("exporting as trl ...");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(bench.tasks + "/api/jobs/" + jobId
                        + "/export?format=trl&status=accepted")).header("Authorization", "Bearer " + bench.labToken).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) != -1) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 200 || lines != items) {
            throw new IllegalStateException("export answered " + r.statusCode() + " with " + lines + " rows, expected " + items);
        }

        progress("baseline: COPY of the same rows ...");
        long b0 = System.nanoTime();
        CountingStream sink = new CountingStream();
        try (Connection db = bench.target.connect("tasks")) {
            db.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select i.prompt, i.responses, d.id, d.ranking, "
                    + "d.preference_strength, d.expert_tier from judgment d join item i on i.id = d.item_id where d.job_id = '"
                    + jobId + "' and d.state = 'ACCEPTED' order by d.submitted_at, d.id) to stdout", sink);
        }
        double baseline = (System.nanoTime() - b0) / 1e9;

        System.out.println();
        System.out.println(fmt("== export: %d accepted judgments as trl (one pair each), streamed NDJSON", items));
        System.out.println(fmt("  GET /api/jobs/{id}/export      %7.2f s   %7.1f MB   %7.1f MB/s   %8.0f rows/s", seconds, bytes / 1e6,
                bytes / 1e6 / seconds, lines / seconds));
        System.out.println(fmt("  COPY same rows TO STDOUT (base) %6.2f s   %7.1f MB   %7.1f MB/s", baseline, sink.count / 1e6,
                sink.count / 1e6 / baseline));
        System.out.println(fmt("  export / COPY time              %6.2fx;  goal <= 10 s -> %s", seconds / baseline,
                seconds <= 10 ? "met" : "NOT met"));
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
