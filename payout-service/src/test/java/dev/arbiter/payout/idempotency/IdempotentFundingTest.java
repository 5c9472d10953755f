package dev.arbiter.payout.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the funding endpoint: a retry answers the first answer, never moves money twice. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class IdempotentFundingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdempotentRequests requests;

    PayoutTestData data() {
        return new PayoutTestData(dataSource);
    }

    private static Response fund(String adminToken, UUID organization, String key, String body) {
        var request = given().auth().oauth2(adminToken).contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/admin/labs/" + organization + "/funding");
    }

    @Test
    void shouldAnswerARetryWithTheFirstAnswerAndDepositOnce() throws Exception {
        UUID organization = data().knownOrganization();
        String admin = TestJwt.admin(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String body = PayoutTestData.fundingBody(250_000, "USD", "wire 2026-11-30/1");

        Response first = fund(admin, organization, key, body);
        first.then().statusCode(201).header(IdempotentRequests.REPLAYED_HEADER, nullValue())
                .body("organizationId", equalTo(organization.toString()))
                .body("amount.amountMinor", equalTo(250_000)).body("amount.currency", equalTo("USD"))
                .body("balance.amountMinor", equalTo(250_000)).body("reference", equalTo("wire 2026-11-30/1"));
        Response retry = fund(admin, organization, key, body);
        retry.then().statusCode(201).header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"))
                .header("Location", equalTo(first.header("Location")));
        assertEquals(first.body().asString(), retry.body().asString());

        assertEquals(1, data().count("select count(*) from funding where organization_id = ?", organization));
        assertEquals(250_000, data().balance("LAB_BALANCE", organization));
        assertEquals(1, data().count("select count(*) from outbox_message where event_type = 'LAB_FUNDED' and message_key = ?",
                organization.toString()));
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() throws Exception {
        UUID organization = data().knownOrganization();
        String admin = TestJwt.admin(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        fund(admin, organization, key, PayoutTestData.fundingBody(1_000, "USD", "first")).then().statusCode(201);
        fund(admin, organization, key, PayoutTestData.fundingBody(9_000, "USD", "first")).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://arbiter.dev/problems/idempotency-key-reused"));
        assertEquals(1_000, data().balance("LAB_BALANCE", organization));
    }

    @Test
    void shouldReplayABusinessFailureEvenAfterItsCauseIsGone() throws Exception {
        UUID organization = UUID.randomUUID();
        String admin = TestJwt.admin(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String body = PayoutTestData.fundingBody(5_000, "USD", "too early");
        fund(admin, organization, key, body).then().statusCode(404).contentType("application/problem+json");
        // The organization becomes known; the same request with the same key is still the same request: its answer was 404.
        insertOrganization(organization);
        fund(admin, organization, key, body).then().statusCode(404).contentType("application/problem+json")
                .header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"));
        assertEquals(0, data().count("select count(*) from funding where organization_id = ?", organization));
        // A new key is a new request.
        fund(admin, organization, UUID.randomUUID().toString(), body).then().statusCode(201);
    }

    @Test
    void shouldRequireABoundedKeyNamingTheHeaderAndChangeNothing() throws Exception {
        UUID organization = data().knownOrganization();
        String admin = TestJwt.admin(UUID.randomUUID());
        String body = PayoutTestData.fundingBody(5_000, "USD", "no key");
        fund(admin, organization, null, body).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        fund(admin, organization, "x".repeat(256), body).then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, data().count("select count(*) from funding where organization_id = ?", organization));
    }

    @Test
    void shouldScopeAKeyToItsCaller() throws Exception {
        UUID organization = data().knownOrganization();
        String key = UUID.randomUUID().toString();
        String body = PayoutTestData.fundingBody(700, "USD", "shared key");
        fund(TestJwt.admin(UUID.randomUUID()), organization, key, body).then().statusCode(201);
        fund(TestJwt.admin(UUID.randomUUID()), organization, key, body).then().statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue());
        assertEquals(1_400, data().balance("LAB_BALANCE", organization));
    }

    @Test
    void shouldNeverExecuteConcurrentDuplicatesTwice() throws Exception {
        UUID organization = data().knownOrganization();
        String admin = TestJwt.admin(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String body = PayoutTestData.fundingBody(3_000, "USD", "raced");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> fund(admin, organization, key, body)));
            }
            int created = 0;
            for (Future<Response> answer : answers) {
                int status = answer.get(60, TimeUnit.SECONDS).statusCode();
                assertTrue(status == 201 || status == 409, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            assertTrue(created >= 1);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, data().count("select count(*) from funding where organization_id = ?", organization));
        assertEquals(3_000, data().balance("LAB_BALANCE", organization));
    }

    @Test
    void shouldPurgeAnswersOlderThanTheRetentionOnly() throws Throwable {
        UUID caller = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into idempotent_request (caller_id, method, path, idempotency_key, request_hash, status, content_type, "
                        + "response_body, created_at) values (?, 'POST', '/p', ?, 'h', 201, 'application/json', '{}', now() - ?::interval)")) {
            for (String[] row : new String[][] {{"old", "8 days"}, {"recent", "6 days"}}) {
                insert.setObject(1, caller);
                insert.setString(2, row[0]);
                insert.setString(3, row[1]);
                insert.executeUpdate();
            }
        }
        requests.purgeExpired();
        assertEquals(0, data().count("select count(*) from idempotent_request where caller_id = ? and idempotency_key = 'old'", caller));
        assertEquals(1, data().count("select count(*) from idempotent_request where caller_id = ? and idempotency_key = 'recent'", caller));
    }

    private void insertOrganization(UUID organization) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into organization (id, name) values (?, 'Late lab')")) {
            insert.setObject(1, organization);
            insert.executeUpdate();
        }
    }
}
