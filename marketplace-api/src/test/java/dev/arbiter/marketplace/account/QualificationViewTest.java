package dev.arbiter.marketplace.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.proto.tasks.v1.ExpertTierChanged;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Qualification decisions from qualification-service show up in GET /api/me, once each. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class QualificationViewTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldShowQualificationsFromEventsAndIgnoreRedeliveries() throws Exception {
        String email = "q-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");

        EventEnvelope granted = KafkaTestClient.envelope("qualification-service", id)
                .setExpertQualified(ExpertQualified.newBuilder().setExpertId(id).setDomain("law").setTier(Tier.TIER_2)
                        .setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE))
                .build();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", granted);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                            .body("qualifications.size()", equalTo(1))
                            .body("qualifications[0].domain", equalTo("law"))
                            .body("qualifications[0].tier", equalTo(2)));

            // The same event again (Kafka redelivers), then a revocation: the redelivery changes
            // nothing, and the revocation, behind it on the same key, proves it was consumed.
            kafka.publish("qualification.events.v1", granted);
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", id)
                    .setQualificationRevoked(QualificationRevoked.newBuilder().setExpertId(id).setDomain("law")
                            .setReason("test"))
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/me").then().body("qualifications.size()", equalTo(0)));
        }
        assertEquals(1, inboxRowsFor(granted.getEventId()));
    }

    @Test
    void shouldFollowTierMovesDecidedByTaskService() {
        String email = "tier-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", id)
                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(id).setDomain("finance").setTier(Tier.TIER_1)
                            .setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE))
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/me").then().body("qualifications[0].tier", equalTo(1)));
            kafka.publish("tasks.events.v1", KafkaTestClient.envelope("task-service", id)
                    .setExpertTierChanged(ExpertTierChanged.newBuilder().setExpertId(id).setDomain("finance")
                            .setPreviousTier(1).setTier(2).setQualityScore(0.93).setReason("gold accuracy 96%"))
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/me").then().body("qualifications[0].tier", equalTo(2)));
        }
    }

    @Test
    void shouldSkipARecordThatIsNotAnEventAndKeepConsuming() {
        String email = "poison-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.send("qualification.events.v1", id, "not a protobuf envelope".getBytes());
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", id)
                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(id).setDomain("code").setTier(Tier.TIER_1)
                            .setSource(QualificationSource.QUALIFICATION_SOURCE_ADMIN_GRANT))
                    .build());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/me").then().body("qualifications[0].domain", equalTo("code")));
    }

    private int inboxRowsFor(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from inbox_event where event_id = ?::uuid")) {
            q.setString(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

}
