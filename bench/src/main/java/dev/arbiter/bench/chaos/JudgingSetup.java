package dev.arbiter.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import dev.arbiter.bench.tasks.UploadMeasurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * What the judging workload needs: a funded lab, a published job of N items (one judgment each) in a domain of
 * this run, experts qualified in it (tier 2) and QA reviewers (tier 3). Qualification is written straight into
 * task-service's eligibility table, as the tasks benchmark does: the admin grant path is not what is measured.
 */
public final class JudgingSetup {

    public final TaskBench bench;
    public final String jobId;
    public final List<String[]> experts;
    public final List<String[]> reviewers;

    private JudgingSetup(TaskBench bench, String jobId, List<String[]> experts, List<String[]> reviewers) {
        this.bench = bench;
        this.jobId = jobId;
        this.experts = experts;
        this.reviewers = reviewers;
    }

    public static JudgingSetup create(StackTarget target, int items, int experts, int reviewers) throws Exception {
        TaskBench bench = new TaskBench(target, new JsonHttp());
        bench.registerLab();
        String domain = bench.domain();
        String jobId = bench.createJob(domain, 1);
        Path file = UploadMeasurement.ndjson(items, 400);
        try {
            JsonNode uploaded = UploadMeasurement.upload(bench, jobId, file);
            if (uploaded.path("accepted").asInt() != items) {
                throw new IllegalStateException("upload accepted " + uploaded.path("accepted") + " of " + items + " items");
            }
        } finally {
            Files.deleteIfExists(file);
        }
        bench.publish(jobId);
        List<String[]> authors = bench.experts(experts);
        List<String[]> qa = bench.experts(reviewers);
        try (Connection db = target.connect("tasks");
             PreparedStatement q = db.prepareStatement("insert into expert_domain (expert_id, domain, tier, source) "
                     + "values (?::uuid, ?, ?, 'BENCH') on conflict do nothing")) {
            for (String[] e : authors) {
                q.setString(1, e[0]);
                q.setString(2, domain);
                q.setInt(3, 2);
                q.addBatch();
            }
            for (String[] e : qa) {
                q.setString(1, e[0]);
                q.setString(2, domain);
                q.setInt(3, 3);
                q.addBatch();
            }
            q.executeBatch();
        }
        return new JudgingSetup(bench, jobId, authors, qa);
    }
}
