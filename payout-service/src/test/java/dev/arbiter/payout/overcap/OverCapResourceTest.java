package dev.arbiter.payout.overcap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.payout.idempotency.IdempotentRequests;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.payout.support.SeededPay;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admins decide time beyond a session's cap: once, with a reason; approving accrues it, the statement shows it. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class OverCapResourceTest {

    static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Ledger ledger;

    final String admin = TestJwt.admin(UUID.randomUUID());

    PayoutTestData data() {
        return new PayoutTestData(dataSource);
    }

    SeededPay seeded() {
        return new SeededPay(data(), ledger);
    }

    static Response decide(String admin, UUID session, String key, String body) {
        return given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/admin/payouts/sessions/" + session + "/over-cap");
    }

    @AfterEach
    void ledgerStillBalances() {
        given().auth().oauth2(admin).get("/api/admin/ledger/verify").then().statusCode(200).body("balanced", equalTo(true));
    }

    @Test
    void shouldAccrueApprovedTimeIntoTheLinesStageOnceFromTheReservationThenClearing() throws Throwable {
        // A reservation of 70.00: the 60.00 line takes 60.00, approving 30 more minutes (30.00) finds only 10.00 left.
        SeededPay.Job job = seeded().job(data().knownOrganization(), 100_000, 7_000, 6_000, "Long sessions");
        UUID expert = seeded().expert();
        UUID session = seeded().line(expert, job, DAY, 5_400, 3_600, 10_000, "PAYABLE");
        long clearingBefore = data().balance("PLATFORM_CLEARING", null);
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me/statement").then()
                .body("lines[0].overCapAmount.amountMinor", equalTo(3_000))
                .body("totals.overCapAwaitingApproval.amountMinor", equalTo(3_000));

        String key = UUID.randomUUID().toString();
        String body = "{\"approve\":true,\"reason\":\"The items were unusually long\"}";
        Response first = decide(admin, session, key, body);
        first.then().statusCode(200).body("approved", equalTo(true)).body("accrued.amountMinor", equalTo(3_000))
                .body("lineAmount.amountMinor", equalTo(9_000)).body("stage", equalTo("PAYABLE"));
        Response retry = decide(admin, session, key, body);
        retry.then().statusCode(200).header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        decide(admin, session, key, "{\"approve\":false,\"reason\":\"changed my mind\"}").then().statusCode(422);
        decide(TestJwt.admin(UUID.randomUUID()), session, UUID.randomUUID().toString(), "{\"approve\":false,\"reason\":\"no\"}")
                .then().statusCode(409).body("type", equalTo("https://arbiter.dev/problems/over-cap-decided"));

        assertEquals(PayArithmetic.sessionAmountMinor(5_400, 6_000, 10_000), 9_000);
        assertEquals(9_000, data().balance("EXPERT_PAYABLE", expert));
        assertEquals(0, data().balance("JOB_RESERVATION", job.id()));
        assertEquals(clearingBefore - 2_000, data().balance("PLATFORM_CLEARING", null));
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me/statement").then().statusCode(200)
                .body("lines[0].amount.amountMinor", equalTo(9_000)).body("lines[0].paidSeconds", equalTo(5_400))
                .body("lines[0].overCapState", equalTo("APPROVED"))
                .body("lines[0].overCapDecisionReason", equalTo("The items were unusually long"))
                .body("totals.payable.amountMinor", equalTo(9_000))
                .body("totals.overCapAwaitingApproval.amountMinor", equalTo(0));
        assertEquals(1, data().count("select count(*) from outbox_message where event_type = 'SESSION_PAY_CHANGED' and message_key = ?",
                expert.toString()));
    }

    @Test
    void shouldRecordARefusalAndShowItOnTheStatement() throws Throwable {
        SeededPay.Job job = seeded().job(data().knownOrganization(), 100_000, 50_000, 6_000, "Long sessions");
        UUID expert = seeded().expert();
        UUID session = seeded().line(expert, job, DAY, 5_400, 3_600, 10_000, "PENDING");
        decide(admin, session, UUID.randomUUID().toString(), "{\"approve\":false,\"reason\":\"Idle tab left open\"}").then()
                .statusCode(200).body("approved", equalTo(false)).body("accrued.amountMinor", equalTo(0));
        assertEquals(6_000, data().balance("EXPERT_PENDING", expert));
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me/statement").then().statusCode(200)
                .body("lines[0].amount.amountMinor", equalTo(6_000)).body("lines[0].overCapState", equalTo("DECLINED"))
                .body("lines[0].overCapDecisionReason", equalTo("Idle tab left open"))
                .body("totals.overCapAwaitingApproval.amountMinor", equalTo(0));
        decide(admin, session, UUID.randomUUID().toString(), "{\"approve\":true,\"reason\":\"after all\"}").then().statusCode(409);
    }

    @Test
    void shouldRefuseBadInputUnknownSessionsLinesWithoutOverCapTimeAndNonAdmins() throws Throwable {
        SeededPay.Job job = seeded().job(data().knownOrganization(), 100_000, 50_000, 6_000, "Short sessions");
        UUID expert = seeded().expert();
        UUID withinCap = seeded().line(expert, job, DAY, 600, 600, 10_000, "PENDING");
        decide(admin, withinCap, UUID.randomUUID().toString(), "{\"approve\":true,\"reason\":\"x\"}").then().statusCode(409)
                .body("type", equalTo("https://arbiter.dev/problems/no-over-cap-time"));
        decide(admin, UUID.randomUUID(), UUID.randomUUID().toString(), "{\"approve\":true,\"reason\":\"x\"}").then().statusCode(404);
        decide(admin, withinCap, UUID.randomUUID().toString(), "{\"reason\":\"" + "r".repeat(1001) + "\"}").then().statusCode(400)
                .body("violations.field", hasItem("approve")).body("violations.field", hasItem("reason"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"approve\":true,\"reason\":\"x\"}")
                .post("/api/admin/payouts/sessions/" + withinCap + "/over-cap").then().statusCode(400);
        decide(TestJwt.expert(expert), withinCap, UUID.randomUUID().toString(), "{\"approve\":true,\"reason\":\"x\"}").then().statusCode(403);
        assertEquals(0, data().count("select count(*) from over_cap_decision where session_id = ?", withinCap));
    }
}
