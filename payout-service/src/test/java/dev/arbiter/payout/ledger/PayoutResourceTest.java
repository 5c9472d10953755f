package dev.arbiter.payout.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.accounts.v1.LabMemberRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class PayoutResourceTest {

    static final String ACCOUNTS = "marketplace.accounts.v1";

    @Inject
    AgroalDataSource dataSource;

    static EventEnvelope expertRegistered(UUID expertId) {
        return KafkaTestClient.envelope("marketplace-api", expertId.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expertId.toString())
                        .setEmail(expertId + "@example.org").setDisplayName("Expert " + expertId))
                .build();
    }

    static void awaitOpen(String token) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/payouts/me").then().statusCode(200));
    }

    @Test
    void shouldOpenTheLedgerWithZeroBalancesWhenAnExpertRegisters() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        given().auth().oauth2(token).get("/api/payouts/me").then().statusCode(404)
                .contentType("application/problem+json");

        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(ACCOUNTS, expertRegistered(expert));
        }
        awaitOpen(token);
        given().auth().oauth2(token).get("/api/payouts/me").then().statusCode(200)
                .body("currency", equalTo("USD"))
                .body("pending.amountMinor", equalTo(0))
                .body("pending.currency", equalTo("USD"))
                .body("held.amountMinor", equalTo(0))
                .body("payable.amountMinor", equalTo(0))
                .body("paid.amountMinor", equalTo(0))
                .body("entries.size()", equalTo(0));
    }

    @Test
    void shouldChangeNothingWhenKafkaRedeliversTheSameEvent() throws Exception {
        UUID expert = UUID.randomUUID();
        EventEnvelope event = expertRegistered(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(ACCOUNTS, event);
            awaitOpen(TestJwt.expert(expert));
            // Redeliver it twice, then a lab member's event on the same key: once that one is
            // recorded in the inbox, the duplicates before it on the partition were consumed too.
            kafka.publish(ACCOUNTS, event);
            kafka.publish(ACCOUNTS, event);
            EventEnvelope marker = KafkaTestClient.envelope("marketplace-api", expert.toString())
                    .setLabMemberRegistered(LabMemberRegistered.newBuilder().setAccountId(UUID.randomUUID().toString())
                            .setOrganizationId(UUID.randomUUID().toString()).setEmail("m@example.org"))
                    .build();
            kafka.publish(ACCOUNTS, marker);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count("select count(*) from inbox_event where event_id = ?::uuid", marker.getEventId()) == 1);
        }
        assertEquals(1, count("select count(*) from inbox_event where event_id = ?::uuid", event.getEventId()));
        assertEquals(5, count("select count(*) from ledger_account where expert_id = ?::uuid", expert.toString()));
        assertEquals(1, count("select count(*) from expert_payee where expert_id = ?::uuid", expert.toString()));
    }

    @Test
    void shouldShowAnExpertOnlyTheirOwnPay() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(ACCOUNTS, expertRegistered(alice));
        }
        awaitOpen(TestJwt.expert(alice));
        // Bob has no ledger yet; nothing he can send reaches Alice's.
        given().auth().oauth2(TestJwt.expert(bob)).get("/api/payouts/me").then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(bob)).queryParam("expertId", alice).get("/api/payouts/me").then().statusCode(404);
    }

    @Test
    void shouldLetOnlyExpertsReadPayAndOnlyAdminsVerifyTheLedger() {
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get("/api/payouts/me").then()
                .statusCode(403).contentType("application/problem+json");
        given().get("/api/payouts/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/admin/ledger/verify").then().statusCode(403);
        given().auth().oauth2(TestJwt.forged(UUID.randomUUID(), Set.of("ADMIN")))
                .get("/api/admin/ledger/verify").then().statusCode(401);
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get("/api/admin/ledger/verify").then().statusCode(200)
                .body("balanced", equalTo(true))
                .body("discrepancies.size()", equalTo(0));
    }

    private int count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
