package dev.arbiter.payout.statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An expert's statement over REST: lines, totals equal to the balances, CSV (escaping, no formulas), isolation, bounds. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class StatementResourceTest {

    static final String STATEMENT = "/api/payouts/me/statement";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Ledger ledger;

    PayoutTestData data() {
        return new PayoutTestData(dataSource);
    }

    SeededPay seeded() {
        return new SeededPay(data(), ledger);
    }

    @Test
    void shouldTotalTheLinesToTheBalancesToTheCent() throws Throwable {
        SeededPay.Job job = seeded().job(data().knownOrganization(), 1_000_000, 400_000, 4_321, "Odd rate job");
        UUID expert = seeded().expert();
        seeded().line(expert, job, TODAY.minusDays(10), 1_234, 1_234, 12_500, "PENDING");
        seeded().line(expert, job, TODAY.minusDays(9), 777, 777, 15_000, "PAYABLE");
        seeded().line(expert, job, TODAY.minusDays(8), 4_000, 1_200, 10_000, "HELD");
        seeded().line(expert, job, TODAY.minusDays(7), 2_500, 1_200, 10_000, "PAYABLE");

        String token = TestJwt.expert(expert);
        JsonPath statement = given().auth().oauth2(token).get(STATEMENT).then().statusCode(200)
                .body("currency", equalTo("USD")).body("from", equalTo(TODAY.minusDays(90).toString()))
                .body("to", equalTo(TODAY.toString())).body("lines.size()", equalTo(4))
                .body("lines[0].jobTitle", equalTo("Odd rate job")).body("lines[0].kind", equalTo("CLAIM"))
                .body("lines[0].tierMultiplier", equalTo(1.25f)).body("lines[0].hourlyRate.amountMinor", equalTo(4_321))
                .body("lines[2].holdReason", equalTo("session-flagged"))
                .body("lines[2].overCapState", equalTo("AWAITING_APPROVAL"))
                .body("lines[2].overCapSeconds", equalTo(2_800))
                .extract().jsonPath();
        JsonPath me = given().auth().oauth2(token).get("/api/payouts/me").then().statusCode(200).extract().jsonPath();
        for (String stage : List.of("pending", "held", "payable", "paid")) {
            assertEquals(me.getLong(stage + ".amountMinor"), statement.getLong("totals." + stage + ".amountMinor"), stage);
        }
        assertEquals(data().balance("EXPERT_IN_BATCH", expert), statement.getLong("totals.inBatch.amountMinor"));
        long lines = statement.<Integer>getList("lines.amount.amountMinor").stream().mapToLong(Integer::longValue).sum();
        assertEquals(me.getLong("pending.amountMinor") + me.getLong("held.amountMinor") + me.getLong("payable.amountMinor"), lines);
        // 1234 s × 43.21/h × 1.25 = 18.513… → 1851; the line is rounded once.
        assertEquals(1_851, statement.getLong("lines[0].amount.amountMinor"));
        assertTrue(statement.getLong("totals.overCapAwaitingApproval.amountMinor") > 0);

        // A range that leaves a line out totals only what it shows.
        given().auth().oauth2(token).queryParam("from", TODAY.minusDays(9).toString()).queryParam("to", TODAY.minusDays(9).toString())
                .get(STATEMENT).then().statusCode(200).body("lines.size()", equalTo(1))
                .body("totals.payable.amountMinor", equalTo(statement.getInt("lines[1].amount.amountMinor")))
                .body("totals.pending.amountMinor", equalTo(0));
    }

    @Test
    void shouldWriteCsvWithQuotedFieldsAndNoFormulas() throws Throwable {
        String title = "=HYPERLINK(\"http://evil\"), \"quoted\"\nsecond line";
        SeededPay.Job job = seeded().job(data().knownOrganization(), 100_000, 50_000, 6_000, title);
        UUID expert = seeded().expert();
        UUID session = seeded().line(expert, job, TODAY.minusDays(1), 3_600, 3_600, 10_000, "PAYABLE");
        String from = TODAY.minusDays(30).toString();
        String to = TODAY.toString();

        Response csv = given().auth().oauth2(TestJwt.expert(expert)).accept("text/csv").queryParam("from", from).queryParam("to", to)
                .get(STATEMENT);
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"arbiter-statement-" + from + "-" + to + ".csv\""));
        String body = csv.asString();
        assertTrue(body.startsWith("sessionId,taskId,jobId,jobTitle,kind,day,activeSeconds,paidSeconds,overCapSeconds,hourlyRate,"
                + "tierMultiplier,amount,currency,stage,"), body);
        String expectedTitle = "\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\nsecond line\"";
        assertTrue(body.contains("," + expectedTitle + ",CLAIM," + TODAY.minusDays(1) + ",3600,3600,0,60.00,1.0,60.00,USD,PAYABLE,"), body);
        assertTrue(body.startsWith(session.toString(), body.indexOf("\r\n") + 2), body);
        assertEquals(2, body.split("\r\n").length, body);

        // Without Accept the answer is JSON.
        given().auth().oauth2(TestJwt.expert(expert)).get(STATEMENT).then().statusCode(200).contentType("application/json");
    }

    @Test
    void shouldShowEachExpertOnlyTheirOwnLines() throws Throwable {
        SeededPay.Job job = seeded().job(data().knownOrganization(), 100_000, 50_000, 6_000, "Shared job");
        UUID alice = seeded().expert();
        UUID bob = seeded().expert();
        UUID aliceSession = seeded().line(alice, job, TODAY.minusDays(2), 600, 600, 10_000, "PENDING");
        UUID bobSession = seeded().line(bob, job, TODAY.minusDays(2), 900, 900, 10_000, "PENDING");
        given().auth().oauth2(TestJwt.expert(alice)).queryParam("expertId", bob).get(STATEMENT).then().statusCode(200)
                .body("lines.sessionId", hasItem(aliceSession.toString())).body("lines.sessionId", not(hasItem(bobSession.toString())));
        given().auth().oauth2(TestJwt.expert(bob)).accept("text/csv").get(STATEMENT).then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString(aliceSession.toString())));
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get(STATEMENT).then().statusCode(403);
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get(STATEMENT).then().statusCode(403);
        given().get(STATEMENT).then().statusCode(401);
    }

    @Test
    void shouldRefuseABadOrUnboundedRange() {
        String token = TestJwt.expert(UUID.randomUUID());
        given().auth().oauth2(token).queryParam("from", "2026-02-30").get(STATEMENT).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("from"));
        given().auth().oauth2(token).queryParam("from", "2026-03-01").queryParam("to", "2026-02-01").get(STATEMENT).then()
                .statusCode(400).body("violations.field", hasItem("from"));
        given().auth().oauth2(token).queryParam("from", "2024-01-01").queryParam("to", "2025-01-02").get(STATEMENT).then()
                .statusCode(400).body("violations.field", hasItem("to"));
        given().auth().oauth2(token).accept("text/csv").queryParam("to", "yesterday").get(STATEMENT).then().statusCode(400);
        given().auth().oauth2(token).queryParam("from", "2024-01-01").queryParam("to", "2025-01-01").get(STATEMENT).then()
                .statusCode(200).body("lines.size()", equalTo(0));
    }

    /** 10,000 lines in a year, as JSON and as streamed CSV; the figures are printed, not asserted. */
    @Test
    void shouldServeTenThousandLines() throws Exception {
        UUID expert = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into session_pay (session_id, expert_id, job_id, organization_id, task_id, kind, day, active_seconds, "
                        + "paid_seconds, over_cap_seconds, hourly_rate_minor, tier_multiplier_bp, currency, amount_minor, "
                        + "over_cap_amount_minor, over_cap_state, from_reservation_minor, from_clearing_minor, stage) "
                        + "select gen_random_uuid(), ?, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'CLAIM', "
                        + "current_date - (g % 360), 600, 600, 0, 6000, 10000, 'USD', 1000, 0, 'NONE', 1000, 0, 'PENDING' "
                        + "from generate_series(1, 10000) g")) {
            insert.setObject(1, expert);
            insert.executeUpdate();
        }
        String token = TestJwt.expert(expert);
        String from = TODAY.minusDays(365).toString();
        long start = System.nanoTime();
        Response csv = given().auth().oauth2(token).accept("text/csv").queryParam("from", from).queryParam("to", TODAY.toString()).get(STATEMENT);
        long csvMillis = (System.nanoTime() - start) / 1_000_000;
        csv.then().statusCode(200);
        assertEquals(10_001, csv.asString().split("\r\n").length);
        start = System.nanoTime();
        Response json = given().auth().oauth2(token).queryParam("from", from).queryParam("to", TODAY.toString()).get(STATEMENT);
        String jsonBody = json.asString();
        long jsonMillis = (System.nanoTime() - start) / 1_000_000;
        json.then().statusCode(200);
        JsonPath parsed = JsonPath.from(jsonBody);
        assertEquals(10_000, parsed.getList("lines").size());
        assertEquals(10_000_000, parsed.getLong("totals.pending.amountMinor"));
        System.out.printf("statement of 10000 lines: CSV %d ms (%d bytes), JSON %d ms (%d bytes)%n", csvMillis,
                csv.asString().length(), jsonMillis, jsonBody.length());
    }
}
