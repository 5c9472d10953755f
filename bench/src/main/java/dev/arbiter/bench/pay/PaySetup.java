package dev.arbiter.bench.pay;

import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The lab, its funding and the jobs whose reservations the bench's sessions draw on. */
final class PaySetup {

    private final StackTarget target;
    private final TaskBench bench;
    private String adminToken;

    PaySetup(StackTarget target, TaskBench bench) {
        this.target = target;
        this.bench = bench;
    }

    String adminToken() throws Exception {
        if (adminToken == null) {
            adminToken = bench.login(target.adminEmail(), target.adminPassword());
        }
        return adminToken;
    }

    /** The bench lab's organization, once payout-service knows it (from LabMemberRegistered). */
    String organizationId() throws Exception {
        String org = bench.http.get(target.gatewayUrl() + "/api/me", bench.labToken).expect(200).json()
                .get("organizationId").asText();
        awaitRow("select 1 from organization where id = ?::uuid", org, Duration.ofSeconds(60));
        return org;
    }

    /** An admin's deposit for the organization, through the public API with an Idempotency-Key. */
    void fund(String organizationId, long amountMinor) throws Exception {
        bench.http.postIdempotent(target.gatewayUrl() + "/api/admin/labs/" + organizationId + "/funding",
                Map.of("amount", Map.of("amountMinor", amountMinor, "currency", "USD"), "reference", "bench deposit"),
                adminToken(), "bench-fund-" + UUID.randomUUID()).expect(201);
    }

    /** A job announced as task-service announces it; returns once payout-service has reserved its budget. */
    UUID publishJob(String organizationId, SessionStream stream, long budgetMinor) throws Exception {
        UUID job = UUID.randomUUID();
        stream.produce(stream.jobPublished(job, budgetMinor), job.toString());
        awaitRow("select 1 from job_budget where job_id = ?::uuid", job.toString(), Duration.ofSeconds(60));
        return job;
    }

    private void awaitRow(String sql, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = target.connect("payouts"); PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, id);
            while (true) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("payout-service did not record " + id + " within " + timeout.toSeconds() + " s ("
                            + sql + ")");
                }
                Thread.sleep(50);
            }
        }
    }
}
