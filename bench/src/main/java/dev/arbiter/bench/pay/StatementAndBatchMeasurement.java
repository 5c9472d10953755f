package dev.arbiter.bench.pay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A statement of N lines for one expert (JSON and CSV), and a payout batch of N payees (create, approve,
 * export, settle), each timed against a bare SQL aggregate over the same rows in the same run. The batch is
 * settled while payout-service is killed and restarted (when this run started the stack), and retried with
 * the same Idempotency-Key: nobody is paid twice.
 */
final class StatementAndBatchMeasurement {

    private static final int REPEATS = 5;

    private final StackTarget target;
    private final TaskBench bench;
    private final PaySetup setup;
    private final JsonHttp http = new JsonHttp();
    /**
     * The batch's own calls go to payout-service directly (it checks the admin's token itself) and may take
     * minutes: the gateway gives an upstream 120 s of silence, which a batch of ten thousand payees outlasts on
     * this machine (measured: a 502 after 120 s).
     */
    private final JsonHttp slow = new JsonHttp(Duration.ofMinutes(15));

    StatementAndBatchMeasurement(StackTarget target, TaskBench bench, PaySetup setup) {
        this.target = target;
        this.bench = bench;
        this.setup = setup;
    }

    void run(SessionStream stream, String organizationId, int count, Duration timeout, boolean statement, boolean batch)
            throws Exception {
        if (statement) {
            statement(stream, organizationId, count, timeout);
        }
        if (batch) {
            batch(stream, organizationId, count, timeout);
        }
    }

    private void statement(SessionStream stream, String organizationId, int count, Duration timeout) throws Exception {
        String[] expert = bench.experts(1).get(0);
        UUID expertId = UUID.fromString(expert[0]);
        UUID job = setup.publishJob(organizationId, stream, 5_000_000_000L);
        PayBenchmark.progress(PayBenchmark.fmt("statement: %d sessions for one expert ...", count));
        stream.produce(stream.sessionsOf(job, List.of(expertId), count, 2, 1_800));
        new Accruals(target).awaitCount(job, count, timeout);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String url = target.gatewayUrl() + "/api/payouts/me/statement?from=" + today.minusDays(7) + "&to=" + today;

        JsonNode first = http.get(url, expert[1]).expect(200).json();
        int lines = first.path("lines").size();
        double[] json = new double[REPEATS];
        double[] csv = new double[REPEATS];
        double[] sql = new double[REPEATS];
        double[] sqlLines = new double[REPEATS];
        long csvBytes = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            http.get(url, expert[1]).expect(200);
            json[i] = ms(t);
            t = System.nanoTime();
            csvBytes = http.get(url, expert[1], "text/csv").expect(200).body().length();
            csv[i] = ms(t);
            try (Connection db = target.connect("payouts")) {
                t = System.nanoTime();
                aggregate(db, "select stage, count(*), sum(amount_minor) from session_pay where expert_id = ?::uuid "
                        + "and day between ? and ? group by stage", expertId, today.minusDays(7), today);
                sql[i] = ms(t);
                t = System.nanoTime();
                aggregate(db, "select p.*, j.title from session_pay p left join job_budget j on j.job_id = p.job_id "
                        + "where p.expert_id = ?::uuid and p.day between ? and ? order by p.day, p.accrued_at", expertId,
                        today.minusDays(7), today);
                sqlLines[i] = ms(t);
            }
        }
        ResultsTable table = new ResultsTable(PayBenchmark.fmt("statement of one expert: %d lines (median of %d)", lines, REPEATS), "");
        table.line(PayBenchmark.fmt("GET /api/payouts/me/statement (JSON, through the gateway): %.0f ms", median(json)));
        table.line(PayBenchmark.fmt("the same as CSV (streamed, %d KB): %.0f ms", csvBytes / 1024, median(csv)));
        table.line(PayBenchmark.fmt("baseline, bare SQL aggregate by stage over the same rows: %.1f ms -> JSON %.0fx, CSV %.0fx",
                median(sql), median(json) / median(sql), median(csv) / median(sql)));
        table.line(PayBenchmark.fmt("baseline, bare SQL select of the same lines (all columns, job title): %.1f ms -> JSON %.1fx, CSV %.1fx",
                median(sqlLines), median(json) / median(sqlLines), median(csv) / median(sqlLines)));
        table.print(System.out);
        if (lines != count) {
            throw new IllegalStateException("the statement has " + lines + " lines for " + count + " sessions");
        }
    }

    private void batch(SessionStream stream, String organizationId, int count, Duration timeout) throws Exception {
        UUID job = setup.publishJob(organizationId, stream, 5_000_000_000L);
        List<UUID> payees = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payees.add(UUID.randomUUID());
        }
        // tier 3 for an hour: 6,000 minor units each, above the default minimum payout (5,000)
        List<SessionStream.Sent> sessions = stream.sessionsOf(job, payees, 1, 3, 3_600);
        PayBenchmark.progress(PayBenchmark.fmt("batch: %d payees, one accepted session each ...", count));
        stream.produce(sessions);
        Accruals accruals = new Accruals(target);
        accruals.awaitCount(job, count, timeout);
        stream.produce(stream.accepted(sessions));
        awaitPayable(job, count, timeout);

        String admin = setup.adminToken();
        String second = secondAdmin(admin);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        double baseline;
        try (Connection db = target.connect("payouts")) {
            long t = System.nanoTime();
            aggregate(db, "select expert_id, sum(amount_minor) from session_pay where stage = 'PAYABLE' and day <= ?::date "
                    + "group by expert_id having sum(amount_minor) >= 5000", today);
            baseline = ms(t);
        }
        long t = System.nanoTime();
        String payouts = target.serviceUrl(dev.arbiter.deploy.LocalStack.PAYOUT_SERVICE);
        JsonNode created = slow.postIdempotent(payouts + "/api/admin/payouts/batches", Map.of("periodEnd", today), admin,
                "bench-batch-" + UUID.randomUUID()).expect(201).json();
        double create = ms(t);
        String id = created.get("id").asText();
        int lines = created.path("lines").size();
        t = System.nanoTime();
        slow.postJson(payouts + "/api/admin/payouts/batches/" + id + "/approve", Map.of(), second).expect(200);
        double approve = ms(t);
        t = System.nanoTime();
        String csv = slow.get(payouts + "/api/admin/payouts/batches/" + id + "/export.csv", admin, "text/csv")
                .expect(200).body();
        double export = ms(t);

        List<Map<String, Object>> settlement = new ArrayList<>(lines);
        for (JsonNode line : created.path("lines")) {
            settlement.add(Map.of("expertId", line.get("expertId").asText(), "status", "PAID", "reference",
                    "bench-" + line.get("expertId").asText().substring(0, 8)));
        }
        String key = "bench-settle-" + UUID.randomUUID();
        String settleUrl = payouts + "/api/admin/payouts/batches/" + id + "/settlement";
        Map<String, Object> body = Map.of("lines", settlement);
        t = System.nanoTime();
        String crash = "no";
        if (target.localStack() != null) {
            // the settlement is sent, payout-service is killed while it works, started again, and the same
            // request is retried with the same key: the books must show every payee paid once
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(150);
                    target.localStack().killAndRestart(dev.arbiter.deploy.LocalStack.PAYOUT_SERVICE, Duration.ofSeconds(120));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pay-bench-killer");
            killer.start();
            JsonHttp.Response during;
            try {
                during = slow.postIdempotent(settleUrl, body, admin, key);
            } catch (java.io.IOException cut) {
                during = new JsonHttp.Response(-1, cut.getMessage());
            }
            killer.join();
            crash = "killed with SIGKILL 150 ms into the request (the first attempt answered " + during.status() + ")";
        }
        JsonHttp.Response settled = retryUntilAnswered(settleUrl, body, admin, key, timeout);
        double settle = ms(t);
        JsonHttp.Response again = slow.postIdempotent(settleUrl, body, admin, key);

        long paidLines;
        long paidSum;
        long expected = sessions.stream().mapToLong(SessionStream.Sent::amountMinor).sum();
        try (Connection db = target.connect("payouts")) {
            paidLines = PayBenchmark.single(db, "select count(*) from session_pay where job_id = '" + job + "' and stage = 'PAID'");
            paidSum = PayBenchmark.single(db, "select coalesce(sum(a.balance_minor), 0) from ledger_account a where a.kind = "
                    + "'EXPERT_PAID' and a.expert_id in (select expert_id from session_pay where job_id = '" + job + "')");
        }
        JsonNode verify = http.get(target.gatewayUrl() + "/api/admin/ledger/verify", admin).expect(200).json();

        ResultsTable table = new ResultsTable(PayBenchmark.fmt("payout batch of %d payees", lines), "");
        table.line(PayBenchmark.fmt("create (select payees, move every line to IN_BATCH set-based, one ledger transaction per 100 payees): %.0f ms", create));
        table.line(PayBenchmark.fmt("baseline, bare SQL aggregate of the payable lines by payee: %.1f ms -> %.0fx", baseline,
                create / baseline));
        table.line(PayBenchmark.fmt("approve by a second admin: %.0f ms; export CSV (%d KB): %.0f ms", approve, csv.length() / 1024,
                export));
        table.line(PayBenchmark.fmt("settle %d lines PAID: %.0f ms, crash: %s; the retry answered %d, a third send %d (%s)",
                lines, settle, crash, settled.status(), again.status(),
                again.status() == settled.status() && again.body().equals(settled.body()) ? "same answer" : "DIFFERENT"));
        table.line(PayBenchmark.fmt("paid once: %d of %d lines PAID, EXPERT_PAID holds %d of %d expected; verify balanced=%s %s",
                paidLines, count, paidSum, expected, verify.path("balanced").asBoolean(), verify.path("discrepancies")));
        table.print(System.out);
        if (lines != count || paidLines != count || paidSum != expected || !verify.path("balanced").asBoolean()) {
            throw new IllegalStateException("the batch answered wrongly: " + lines + " lines, " + paidLines + " paid, "
                    + paidSum + " of " + expected);
        }
    }

    private JsonHttp.Response retryUntilAnswered(String url, Object body, String bearer, String key, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                JsonHttp.Response r = slow.postIdempotent(url, body, bearer, key);
                if (r.status() == 200 || System.nanoTime() > deadline) {
                    return r.expect(200);
                }
            } catch (java.io.IOException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw unreachable;
                }
            }
            Thread.sleep(200);
        }
    }

    private String secondAdmin(String admin) throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@bench.arbiter.local";
        String password = "bench-password-" + UUID.randomUUID();
        http.postJson(target.gatewayUrl() + "/api/admin/accounts", Map.of("email", email, "password", password,
                "displayName", "Second Admin"), admin).expect(201);
        return bench.login(email, password);
    }

    private void awaitPayable(UUID job, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = target.connect("payouts")) {
            while (PayBenchmark.single(db, "select count(*) from session_pay where job_id = '" + job + "' and stage = 'PAYABLE'") < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the accepted sessions did not become payable within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        }
    }

    private static void aggregate(Connection db, String sql, Object... params) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof UUID u) {
                    q.setString(i + 1, u.toString());
                } else if (p instanceof LocalDate d) {
                    q.setObject(i + 1, d);
                } else {
                    q.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    private static double ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
