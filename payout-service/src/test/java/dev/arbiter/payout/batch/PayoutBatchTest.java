package dev.arbiter.payout.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.idempotency.IdempotentRequests;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.payout.support.SeededPay;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Payout batches over REST with real JWTs: who is paid (the minimum payout), four eyes, the provider's CSV,
 * settlement line by line, Idempotency-Key on create and settlement, and a balanced ledger after each scenario.
 * Lines of other tests' experts may join a batch (a batch takes every payee): each test looks at its own experts.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class PayoutBatchTest {

    static final String BATCHES = "/api/admin/payouts/batches";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Ledger ledger;

    final String creator = TestJwt.admin(UUID.randomUUID());
    final UUID approverId = UUID.randomUUID();
    final String approver = TestJwt.admin(approverId);

    PayoutTestData data() {
        return new PayoutTestData(dataSource);
    }

    SeededPay seeded() {
        return new SeededPay(data(), ledger);
    }

    /** A funded job paying 60.00 an hour. */
    SeededPay.Job job() throws Throwable {
        return seeded().job(data().knownOrganization(), 1_000_000, 500_000, 6_000, "Dosing answers");
    }

    static Response create(String admin, String key, String periodEnd) {
        return given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", key)
                .body("{\"periodEnd\":\"" + periodEnd + "\"}").post(BATCHES);
    }

    static Response settle(String admin, String batchId, String key, String lines) {
        return given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", key)
                .body("{\"lines\":[" + lines + "]}").post(BATCHES + "/" + batchId + "/settlement");
    }

    static String line(UUID expert, String status, String reference, String reason) {
        return "{\"expertId\":\"" + expert + "\",\"status\":\"" + status + "\",\"reference\":\"" + reference + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    static Map<String, Object> lineOf(JsonPath batch, UUID expert) {
        return batch.<Map<String, Object>>getList("lines").stream().filter(l -> expert.toString().equals(l.get("expertId")))
                .findFirst().orElse(null);
    }

    static JsonPath me(UUID expert) {
        return given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me").then().statusCode(200).extract().jsonPath();
    }

    /** Creates a batch as the creator and approves it as the second admin; the batch. */
    JsonPath approvedBatch() {
        String id = create(creator, UUID.randomUUID().toString(), TODAY.toString()).then().statusCode(201).extract().path("id");
        return given().auth().oauth2(approver).post(BATCHES + "/" + id + "/approve").then().statusCode(200).extract().jsonPath();
    }

    @AfterEach
    void ledgerStillBalances() {
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get("/api/admin/ledger/verify").then().statusCode(200)
                .body("balanced", equalTo(true)).body("discrepancies.size()", equalTo(0));
    }

    @Test
    void shouldPayOnlyExpertsAtTheMinimumAndNeedASecondAdminToApprove() throws Throwable {
        SeededPay.Job job = job();
        UUID alice = seeded().expert();
        UUID bob = seeded().expert();
        UUID aliceSession = seeded().line(alice, job, TODAY.minusDays(3), 3_000, 3_000, 10_000, "PAYABLE");
        seeded().line(alice, job, TODAY.minusDays(2), 600, 600, 10_000, "PAYABLE");
        seeded().line(alice, job, TODAY.minusDays(1), 600, 600, 10_000, "PENDING");
        seeded().line(bob, job, TODAY.minusDays(3), 1_800, 1_800, 10_000, "PAYABLE");   // 30.00 < the 50.00 minimum

        UUID creatorId = UUID.randomUUID();
        String creatorToken = TestJwt.admin(creatorId);
        JsonPath batch = create(creatorToken, UUID.randomUUID().toString(), TODAY.toString()).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(BATCHES + "/"))
                .body("status", equalTo("DRAFT")).body("periodEnd", equalTo(TODAY.toString()))
                .body("createdBy", equalTo(creatorId.toString()))
                .body("lines.expertId", hasItem(alice.toString())).body("lines.expertId", not(hasItem(bob.toString())))
                .extract().jsonPath();
        String id = batch.getString("id");
        Map<String, Object> aliceLine = lineOf(batch, alice);
        assertEquals(6_000, ((Map<?, ?>) aliceLine.get("amount")).get("amountMinor"));
        assertEquals("Expert " + alice, aliceLine.get("displayName"));
        long total = batch.<Map<String, Object>>getList("lines").stream()
                .mapToLong(l -> ((Number) ((Map<?, ?>) l.get("amount")).get("amountMinor")).longValue()).sum();
        assertEquals(total, batch.getLong("total.amountMinor"));

        // The money moved PAYABLE → IN_BATCH; the pending line and Bob's stay where they were.
        assertEquals(0, me(alice).getLong("payable.amountMinor"));
        assertEquals(1_000, me(alice).getLong("pending.amountMinor"));
        assertEquals(6_000, data().balance("EXPERT_IN_BATCH", alice));
        assertEquals(3_000, me(bob).getLong("payable.amountMinor"));
        assertEquals(1, data().count("select count(*) from ledger_transaction t join ledger_entry e on e.transaction_id = t.id "
                + "join ledger_account a on a.id = e.account_id where t.batch_id = ?::uuid and a.expert_id = ? and a.kind = 'EXPERT_IN_BATCH'",
                id, alice));
        assertEquals(1, data().count("select count(*) from outbox_message where event_type = 'SESSION_PAY_CHANGED' "
                + "and message_key = ? and position(?::bytea in payload) > 0", alice.toString(), aliceSession.toString().getBytes()));

        // Four eyes: not the creator, and not before approval.
        given().auth().oauth2(creatorToken).post(BATCHES + "/" + id + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://arbiter.dev/problems/four-eyes"));
        given().auth().oauth2(approver).get(BATCHES + "/" + id + "/export.csv").then().statusCode(409);
        given().auth().oauth2(approver).post(BATCHES + "/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvedBy", equalTo(approverId.toString()));
        given().auth().oauth2(approver).post(BATCHES + "/" + id + "/approve").then().statusCode(409);

        Response csv = given().auth().oauth2(approver).get(BATCHES + "/" + id + "/export.csv");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"arbiter-payout-" + id + ".csv\""));
        List<String> rows = List.of(csv.asString().split("\r\n"));
        assertEquals("payee,reference,amount,currency", rows.get(0));
        assertEquals(batch.getList("lines").size() + 1, rows.size());
        assertTrue(rows.contains(alice + "," + aliceLine.get("reference") + ",60.00,USD"), rows.toString());

        assertEquals(2, data().count("select count(*) from outbox_message where event_type = 'PAYOUT_BATCH_CHANGED' and message_key = ?", id));
        given().auth().oauth2(approver).get(BATCHES).then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(approver).get(BATCHES + "/" + id).then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    /**
     * More payees than one ledger transaction takes (100): every payee's money moves once, a transaction per hundred,
     * references numbered in payee order, and each session line announced with its own spend version of the job.
     */
    @Test
    void shouldBatchMoreThanAHundredPayeesInChunksAndAnnounceEveryLine() throws Throwable {
        SeededPay.Job first = seeded().job(data().knownOrganization(), 2_000_000, 1_000_000, 6_000, "Long batch");
        SeededPay.Job second = job();
        List<UUID> experts = new java.util.ArrayList<>();
        List<UUID> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            UUID expert = seeded().expert();
            experts.add(expert);
            sessions.add(seeded().line(expert, first, TODAY.minusDays(2), 3_000, 3_000, 10_000, "PAYABLE"));
            if (i % 2 == 0) {
                sessions.add(seeded().line(expert, second, TODAY.minusDays(1), 600, 600, 10_000, "PAYABLE"));
            }
        }
        JsonPath batch = create(creator, UUID.randomUUID().toString(), TODAY.toString()).then().statusCode(201).extract().jsonPath();
        String id = batch.getString("id");
        List<Map<String, Object>> lines = batch.getList("lines");
        for (int i = 0; i < experts.size(); i++) {
            UUID expert = experts.get(i);
            long expected = i % 2 == 0 ? 6_000 : 5_000;
            assertEquals(expected, ((Number) ((Map<?, ?>) lineOf(batch, expert).get("amount")).get("amountMinor")).longValue());
            assertEquals(expected, data().balance("EXPERT_IN_BATCH", expert));
            assertEquals(0, data().balance("EXPERT_PAYABLE", expert));
        }
        List<String> references = lines.stream().map(l -> (String) l.get("reference")).sorted().toList();
        assertEquals(lines.size(), Set.copyOf(references).size());
        assertTrue(references.get(0).endsWith("-00001"), references.get(0));
        assertTrue(references.get(references.size() - 1).endsWith(String.format("-%05d", lines.size())));
        assertEquals((lines.size() + 99) / 100, data().count("select count(*) from ledger_transaction where batch_id = ?::uuid", id));
        assertEquals(2L * lines.size(), data().count("select count(*) from ledger_entry e join ledger_transaction t "
                + "on t.id = e.transaction_id where t.batch_id = ?::uuid", id));
        assertEquals(sessions.size(), data().count("select count(*) from session_pay where stage = 'IN_BATCH' and job_id in (?, ?)",
                first.id(), second.id()));

        // Settled in one request: even payees PAID, odd ones FAILED; provider text with commas and quotes kept as sent.
        given().auth().oauth2(approver).post(BATCHES + "/" + id + "/approve").then().statusCode(200);
        StringBuilder settlement = new StringBuilder();
        for (int i = 0; i < experts.size(); i++) {
            settlement.append(i == 0 ? "" : ",").append(i % 2 == 0
                    ? line(experts.get(i), "PAID", "wire " + i + ", \\\"ok\\\"", null)
                    : line(experts.get(i), "FAILED", "wire " + i, "IBAN closed, \\\"returned\\\""));
        }
        JsonPath settled = settle(approver, id, UUID.randomUUID().toString(), settlement.toString()).then().statusCode(200)
                .extract().jsonPath();
        for (int i = 0; i < experts.size(); i++) {
            UUID expert = experts.get(i);
            Map<String, Object> line = lineOf(settled, expert);
            if (i % 2 == 0) {
                assertEquals("PAID", line.get("status"));
                assertEquals("wire " + i + ", \"ok\"", line.get("settlementReference"));
                assertEquals(6_000, data().balance("EXPERT_PAID", expert));
            } else {
                assertEquals("FAILED", line.get("status"));
                assertEquals("IBAN closed, \"returned\"", line.get("failureReason"));
                assertEquals(5_000, data().balance("EXPERT_PAYABLE", expert));
            }
            assertEquals(0, data().balance("EXPERT_IN_BATCH", expert));
        }
        assertEquals(65 * 2, data().count("select count(*) from session_pay where stage = 'PAID' and job_id in (?, ?)",
                first.id(), second.id()));
        assertEquals(65, data().count("select count(*) from payout_batch_item i join session_pay p on p.session_id = i.session_id "
                + "where i.released and p.stage = 'PAYABLE' and p.job_id = ?", first.id()));
        assertEquals(130, data().count("select count(*) from outbox_message where event_type = 'PAYOUT_LINE_SETTLED' "
                + "and message_key = ?", id));

        // Every line announced once into the batch and once settled, with the job's spend and a version of its own.
        for (SeededPay.Job job : List.of(first, second)) {
            List<Long> versions = new java.util.ArrayList<>();
            int intoBatch = 0;
            try (var c = dataSource.getConnection(); var q = c.prepareStatement("select payload from outbox_message "
                    + "where event_type = 'SESSION_PAY_CHANGED'"); var rs = q.executeQuery()) {
                while (rs.next()) {
                    var changed = dev.arbiter.proto.common.v1.EventEnvelope.parseFrom(rs.getBytes(1)).getSessionPayChanged();
                    if (changed.getJobId().equals(job.id().toString())) {
                        assertEquals(job == first ? 130 * 5_000 : 65 * 1_000, changed.getJobSpentMinor());
                        versions.add(changed.getJobSpendVersion());
                        intoBatch += changed.getStage() == dev.arbiter.proto.payouts.v1.PayStage.PAY_STAGE_IN_BATCH ? 1 : 0;
                    }
                }
            }
            assertEquals(job == first ? 130 : 65, intoBatch);
            assertEquals(2 * intoBatch, versions.size(), "into the batch, then paid or back to payable");
            assertEquals(versions.size(), Set.copyOf(versions).size(), "one version per event");
            assertEquals(data().count("select version from job_spend where job_id = ?", job.id()),
                    versions.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    @Test
    void shouldAnswerRetriedCreateAndSettlementTheSameAndMoveMoneyOnce() throws Throwable {
        SeededPay.Job job = job();
        UUID alice = seeded().expert();
        seeded().line(alice, job, TODAY.minusDays(5), 3_600, 3_600, 12_500, "PAYABLE");   // 75.00 at tier 2

        String key = UUID.randomUUID().toString();
        Response first = create(creator, key, TODAY.toString());
        first.then().statusCode(201);
        Response retry = create(creator, key, TODAY.toString());
        retry.then().statusCode(201).header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        create(creator, key, TODAY.minusDays(1).toString()).then().statusCode(422)
                .body("type", equalTo("https://arbiter.dev/problems/idempotency-key-reused"));
        String id = first.path("id");
        assertEquals(1, data().count("select count(*) from payout_batch_line where expert_id = ?", alice));
        assertEquals(7_500, data().balance("EXPERT_IN_BATCH", alice));

        given().auth().oauth2(approver).post(BATCHES + "/" + id + "/approve").then().statusCode(200);
        List<Map<String, Object>> lines = first.jsonPath().getList("lines");
        String all = lines.stream().map(l -> line(UUID.fromString((String) l.get("expertId")), "PAID", "prov-" + l.get("reference"), null))
                .collect(Collectors.joining(","));
        String settleKey = UUID.randomUUID().toString();
        Response settled = settle(creator, id, settleKey, all);
        settled.then().statusCode(200).body("status", equalTo("SETTLED"));
        assertEquals("PAID", lineOf(settled.jsonPath(), alice).get("status"));
        assertEquals(7_500, me(alice).getLong("paid.amountMinor"));
        assertEquals(0, data().balance("EXPERT_IN_BATCH", alice));

        Response again = settle(creator, id, settleKey, all);
        again.then().statusCode(200).header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"));
        assertEquals(settled.asString(), again.asString());
        settle(creator, id, settleKey, line(alice, "PAID", "other", null)).then().statusCode(422);
        // A new key with the same outcome changes nothing; with the other outcome it is a conflict.
        settle(creator, id, UUID.randomUUID().toString(), line(alice, "PAID", "prov-again", null)).then().statusCode(200)
                .body("status", equalTo("SETTLED"));
        settle(creator, id, UUID.randomUUID().toString(), line(alice, "FAILED", "prov-late", "bounced")).then().statusCode(409)
                .body("type", equalTo("https://arbiter.dev/problems/line-already-settled"));
        assertEquals(7_500, me(alice).getLong("paid.amountMinor"));
        assertEquals(0, me(alice).getLong("payable.amountMinor"));
        assertEquals(1, data().count("select count(*) from ledger_transaction t join ledger_entry e on e.transaction_id = t.id "
                + "join ledger_account a on a.id = e.account_id where t.batch_id = ?::uuid and a.expert_id = ? and a.kind = 'EXPERT_PAID'",
                id, alice));
        assertEquals(1, data().count("select count(*) from outbox_message where event_type = 'PAYOUT_LINE_SETTLED' and message_key = ? "
                + "and position(?::bytea in payload) > 0", id, alice.toString().getBytes()));
        assertEquals("PAID", statementStage(alice));
    }

    @Test
    void shouldRefuseASettlementNamingAnExpertNotInTheBatchAndChangeNothing() throws Throwable {
        SeededPay.Job job = job();
        UUID alice = seeded().expert();
        seeded().line(alice, job, TODAY.minusDays(4), 3_600, 3_600, 10_000, "PAYABLE");
        JsonPath batch = approvedBatch();
        String id = batch.getString("id");
        UUID stranger = UUID.randomUUID();

        settle(creator, id, UUID.randomUUID().toString(), line(alice, "PAID", "p1", null) + "," + line(stranger, "PAID", "p2", null))
                .then().statusCode(400).body("type", equalTo("https://arbiter.dev/problems/validation"))
                .body("violations.field", hasItem("lines[1].expertId"))
                .body("violations.message", hasItem(org.hamcrest.Matchers.containsString(stranger.toString())));
        settle(creator, id, UUID.randomUUID().toString(), line(alice, "FAILED", "p1", null)).then().statusCode(400)
                .body("violations.field", hasItem("lines[0].reason"));
        settle(creator, id, UUID.randomUUID().toString(), line(alice, "LOST", "p1", null)).then().statusCode(400)
                .body("violations.field", hasItem("lines[0].status"));
        given().auth().oauth2(creator).contentType("application/json").body("{\"lines\":[" + line(alice, "PAID", "p", null) + "]}")
                .post(BATCHES + "/" + id + "/settlement").then().statusCode(400).body("violations.field", hasItem("Idempotency-Key"));

        assertEquals("IN_BATCH", lineOf(given().auth().oauth2(creator).get(BATCHES + "/" + id).then().statusCode(200)
                .extract().jsonPath(), alice).get("status"));
        assertEquals(6_000, data().balance("EXPERT_IN_BATCH", alice));
        assertEquals(0, me(alice).getLong("paid.amountMinor"));
        assertEquals(0, data().count("select count(*) from outbox_message where event_type = 'PAYOUT_LINE_SETTLED' and message_key = ?", id));
        // A draft is not settled; an unknown batch is 404.
        settle(creator, UUID.randomUUID().toString(), UUID.randomUUID().toString(), line(alice, "PAID", "p", null)).then().statusCode(404);
    }

    @Test
    void shouldReturnAFailedLineToPayableAndIntoTheNextBatch() throws Throwable {
        SeededPay.Job job = job();
        UUID alice = seeded().expert();
        UUID session = seeded().line(alice, job, TODAY.minusDays(6), 3_600, 3_600, 10_000, "PAYABLE");
        String first = approvedBatch().getString("id");

        settle(approver, first, UUID.randomUUID().toString(), line(alice, "FAILED", "prov-1", "account closed")).then().statusCode(200);
        JsonPath after = given().auth().oauth2(creator).get(BATCHES + "/" + first).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", lineOf(after, alice).get("status"));
        assertEquals("account closed", lineOf(after, alice).get("failureReason"));
        assertEquals(6_000, me(alice).getLong("payable.amountMinor"));
        assertEquals(0, data().balance("EXPERT_IN_BATCH", alice));
        assertEquals("PAYABLE", statementStage(alice));

        JsonPath second = approvedBatch();
        assertEquals(6_000, ((Map<?, ?>) lineOf(second, alice).get("amount")).get("amountMinor"));
        assertEquals(2, data().count("select count(*) from payout_batch_item where session_id = ?", session));
        settle(approver, second.getString("id"), UUID.randomUUID().toString(), line(alice, "PAID", "prov-2", null)).then().statusCode(200);
        assertEquals(6_000, me(alice).getLong("paid.amountMinor"));
        assertEquals(0, me(alice).getLong("payable.amountMinor"));
        assertEquals("PAID", statementStage(alice));
        // The database keeps a session line in at most one live batch.
        assertEquals(1, data().count("select count(*) from payout_batch_item where session_id = ? and not released", session));
    }

    @Test
    void shouldRefuseAnEmptyBatchAFutureOrMissingPeriodAndNonAdmins() throws Exception {
        create(creator, UUID.randomUUID().toString(), "2001-01-01").then().statusCode(409)
                .body("type", equalTo("https://arbiter.dev/problems/nothing-payable"));
        create(creator, UUID.randomUUID().toString(), TODAY.plusDays(1).toString()).then().statusCode(400)
                .body("violations.field", hasItem("periodEnd"));
        create(creator, UUID.randomUUID().toString(), "31/12/2026").then().statusCode(400);
        given().auth().oauth2(creator).contentType("application/json").body("{\"periodEnd\":\"" + TODAY + "\"}").post(BATCHES)
                .then().statusCode(400).body("violations.field", hasItem("Idempotency-Key"));
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get(BATCHES).then().statusCode(403);
        create(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID()), UUID.randomUUID().toString(), TODAY.toString()).then().statusCode(403);
        given().auth().oauth2(creator).get(BATCHES + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(creator).queryParam("limit", 1000).get(BATCHES).then().statusCode(400);
    }

    static String statementStage(UUID expert) {
        return given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me/statement").then().statusCode(200)
                .extract().path("lines[0].stage");
    }
}
