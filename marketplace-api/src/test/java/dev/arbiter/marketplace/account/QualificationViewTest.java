package dev.arbiter.marketplace.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
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
    void shouldKeepAPromotionWhenAnOlderQualificationIsRedelivered() {
        String email = "tier-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", qualified(id, "finance", Tier.TIER_1, 1));
            kafka.publish("qualification.events.v1", qualified(id, "finance", Tier.TIER_2, 2));
            awaitMe(token, "qualifications[0].tier", 2);

            // The older tier once more, as a new event (another id, so the inbox cannot tell): version 1 is
            // not newer than 2. The qualification in another domain behind it shows it was consumed.
            kafka.publish("qualification.events.v1", qualified(id, "finance", Tier.TIER_1, 1));
            kafka.publish("qualification.events.v1", qualified(id, "code", Tier.TIER_1, 1));
            awaitMe(token, "qualifications.size()", 2);
            given().auth().oauth2(token).get("/api/me").then()
                    .body("qualifications.find { it.domain == 'finance' }.tier", equalTo(2));
        }
    }

    @Test
    void shouldStayRevokedWhenAnOlderQualificationArrivesAfterTheRevocation() throws Exception {
        String email = "revoked-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", qualified(id, "medicine", Tier.TIER_3, 3));
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", id)
                    .setQualificationRevoked(QualificationRevoked.newBuilder().setExpertId(id).setDomain("medicine")
                            .setReason("Confirmed fraud").setVersion(4))
                    .build());
            kafka.publish("qualification.events.v1", qualified(id, "medicine", Tier.TIER_3, 3));
            kafka.publish("qualification.events.v1", qualified(id, "history", Tier.TIER_1, 1));
            awaitMe(token, "qualifications.size()", 1);
            given().auth().oauth2(token).get("/api/me").then().body("qualifications[0].domain", equalTo("history"));
        }
        assertEquals(4, tombstoneVersion(id, "medicine"));
    }

    @Test
    void shouldRefuseStandingsFromAnyoneButQualificationService() {
        String email = "forged-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("task-service", id)
                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(id).setDomain("law").setTier(Tier.TIER_3)
                            .setVersion(99))
                    .build());
            kafka.publish("qualification.events.v1", qualified(id, "code", Tier.TIER_1, 1));
            awaitMe(token, "qualifications[0].domain", "code");
            given().auth().oauth2(token).get("/api/me").then().body("qualifications.size()", equalTo(1));
        }
    }

    @Test
    void shouldParkAStandingOutOfRangeWithTheFieldNamedAndGoOnWithOtherExperts() throws Exception {
        String email = "tier99-" + UUID.randomUUID() + "@example.org";
        String id = AuthResourceTest.registerExpert(email);
        String token = AuthResourceTest.login(email, "correct horse battery").extract().path("accessToken");
        String otherEmail = "tier-ok-" + UUID.randomUUID() + "@example.org";
        String other = AuthResourceTest.registerExpert(otherEmail);
        String otherToken = AuthResourceTest.login(otherEmail, "correct horse battery").extract().path("accessToken");
        EventEnvelope tier99 = KafkaTestClient.envelope("qualification-service", id)
                .setExpertQualified(ExpertQualified.newBuilder().setExpertId(id).setDomain("law").setTierValue(99)
                        .setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE).setVersion(1))
                .build();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", tier99);
            kafka.publish("qualification.events.v1", qualified(other, "law", Tier.TIER_2, 1));
            awaitMe(otherToken, "qualifications[0].tier", 2);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                parkedError(tier99.getEventId()) != null);
        String error = parkedError(tier99.getEventId());
        org.junit.jupiter.api.Assertions.assertTrue(error.contains("tier: 99 is outside 1..3"), error);
        assertEquals(0, inboxRowsFor(tier99.getEventId()));
        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("qualifications.size()", equalTo(0));
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

    static EventEnvelope qualified(String expertId, String domain, Tier tier, long version) {
        return KafkaTestClient.envelope("qualification-service", expertId)
                .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expertId).setDomain(domain).setTier(tier)
                        .setSource(QualificationSource.QUALIFICATION_SOURCE_QUALITY).setVersion(version)
                        .setReason("test"))
                .build();
    }

    static void awaitMe(String token, String path, Object expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/me").then().statusCode(200).body(path, equalTo(expected)));
    }

    private long tombstoneVersion(String expertId, String domain) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select version from expert_qualification "
                     + "where expert_id = ?::uuid and domain = ? and tier is null")) {
            q.setString(1, expertId);
            q.setString(2, domain);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private String parkedError(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select error from inbox_parked where event_id = ?::uuid")) {
            q.setString(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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
