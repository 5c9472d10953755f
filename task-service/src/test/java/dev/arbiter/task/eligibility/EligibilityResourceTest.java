package dev.arbiter.task.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ManagementPort;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import java.util.Set;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class EligibilityResourceTest {

    @Inject
    AgroalDataSource db;

    static EventEnvelope qualified(UUID expert, String domain, Tier tier, long version) {
        return KafkaTestClient.envelope("qualification-service", expert.toString())
                .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expert.toString()).setDomain(domain)
                        .setTier(tier).setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE).setVersion(version))
                .build();
    }

    static EventEnvelope revoked(UUID expert, String domain, long version) {
        return KafkaTestClient.envelope("qualification-service", expert.toString())
                .setQualificationRevoked(QualificationRevoked.newBuilder().setExpertId(expert.toString())
                        .setDomain(domain).setReason("confirmed fraud").setVersion(version))
                .build();
    }

    static void registered(KafkaTestClient kafka, UUID expert) {
        kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", expert.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                        .setEmail(expert + "@example.org").setDisplayName("Dr. Quinn"))
                .build());
    }

    static void awaitEligibility(String token, java.util.function.Consumer<ValidatableResponse> expectation) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                expectation.accept(given().auth().oauth2(token).get("/api/tasks/eligibility").then().statusCode(200)));
    }

    @Test
    void shouldKeepTheEligibilityRecordFromBothStreamsWhateverTheirOrder() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            // The qualification may overtake the registration: they travel on different topics.
            kafka.publish("qualification.events.v1", qualified(expert, "medicine", Tier.TIER_1, 1));
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", expert.toString())
                    .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                            .setEmail("e@example.org").setDisplayName("Dr. House"))
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/tasks/eligibility").then().statusCode(200)
                            .body("displayName", equalTo("Dr. House"))
                            .body("qualifications.size()", equalTo(1))
                            .body("qualifications[0].domain", equalTo("medicine"))
                            .body("qualifications[0].tier", equalTo(1)));

            // A promotion replaces the tier; a redelivered old event is ignored; a revocation removes it.
            EventEnvelope promotion = qualified(expert, "medicine", Tier.TIER_3, 2);
            kafka.publish("qualification.events.v1", promotion);
            kafka.publish("qualification.events.v1", promotion);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/tasks/eligibility").then()
                            .body("qualifications[0].tier", equalTo(3)));
            kafka.publish("qualification.events.v1", revoked(expert, "medicine", 3));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/tasks/eligibility").then()
                            .body("qualifications.size()", equalTo(0)));
        }
    }

    @Test
    void shouldKeepAPromotionWhenAnOlderQualificationIsRedelivered() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            registered(kafka, expert);
            EventEnvelope entry = qualified(expert, "law", Tier.TIER_1, 1);
            kafka.publish("qualification.events.v1", entry);
            kafka.publish("qualification.events.v1", qualified(expert, "law", Tier.TIER_2, 2));
            awaitEligibility(token, r -> r.body("qualifications[0].tier", equalTo(2)));

            // The old tier again, as a new event (another id, so the inbox cannot tell): version 1 is older than 2.
            // The revocation of another domain behind it on the same key shows it was consumed.
            kafka.publish("qualification.events.v1", qualified(expert, "law", Tier.TIER_1, 1));
            kafka.publish("qualification.events.v1", qualified(expert, "code", Tier.TIER_1, 1));
            kafka.publish("qualification.events.v1", revoked(expert, "code", 2));
            awaitEligibility(token, r -> r.body("qualifications.size()", equalTo(1))
                    .body("qualifications[0].domain", equalTo("law"))
                    .body("qualifications[0].tier", equalTo(2)));
        }
    }

    @Test
    void shouldStayRevokedWhenAnOlderQualificationArrivesAfterTheRevocation() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        String domain = "finance";
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            registered(kafka, expert);
            kafka.publish("qualification.events.v1", qualified(expert, domain, Tier.TIER_3, 4));
            kafka.publish("qualification.events.v1", revoked(expert, domain, 5));
            kafka.publish("qualification.events.v1", qualified(expert, domain, Tier.TIER_3, 4));
            kafka.publish("qualification.events.v1", qualified(expert, "history", Tier.TIER_2, 1));
            awaitEligibility(token, r -> r.body("qualifications.size()", equalTo(1))
                    .body("qualifications[0].domain", equalTo("history")));
        }
        // The tombstone keeps the version, and the jobs of the revoked domain are out of reach.
        assertEquals(List.of(List.of(5L)), Fixtures.query(db, "select version from expert_domain where expert_id = ? "
                + "and domain = ? and tier is null", expert, domain));
        UUID job = Fixtures.publishedJob(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID()), domain, "PAIRWISE", 1, 1, 2);
        given().auth().oauth2(token).get("/api/jobs").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(job.toString())));
        given().auth().oauth2(token).get("/api/tasks/quality").then().statusCode(200)
                .body("domain", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(domain)));
    }

    @Test
    void shouldApplyEventsFromBeforeVersionsOnlyUntilAVersionedOneArrived() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            registered(kafka, expert);
            kafka.publish("qualification.events.v1", qualified(expert, "physics", Tier.TIER_1, 0));
            kafka.publish("qualification.events.v1", qualified(expert, "physics", Tier.TIER_2, 0));
            awaitEligibility(token, r -> r.body("qualifications[0].tier", equalTo(2)));
            kafka.publish("qualification.events.v1", qualified(expert, "physics", Tier.TIER_3, 1));
            kafka.publish("qualification.events.v1", qualified(expert, "physics", Tier.TIER_1, 0));
            kafka.publish("qualification.events.v1", qualified(expert, "chemistry", Tier.TIER_1, 1));
            awaitEligibility(token, r -> r.body("qualifications.size()", equalTo(2))
                    .body("qualifications.find { it.domain == 'physics' }.tier", equalTo(3)));
        }
    }

    @Test
    void shouldRefuseStandingsFromAnyoneButQualificationService() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            registered(kafka, expert);
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("task-service", expert.toString())
                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expert.toString()).setDomain("law")
                            .setTier(Tier.TIER_3).setVersion(99))
                    .build());
            kafka.publish("qualification.events.v1", qualified(expert, "code", Tier.TIER_1, 1));
            awaitEligibility(token, r -> r.body("qualifications.size()", equalTo(1))
                    .body("qualifications[0].domain", equalTo("code")));
        }
    }

    @Test
    void shouldAnswer404ForAnExpertNotYetKnownAnd403ForOtherRoles() {
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/tasks/eligibility").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get("/api/tasks/eligibility").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.expired(UUID.randomUUID(), Set.of("EXPERT")))
                .get("/api/tasks/eligibility").then().statusCode(401).contentType("application/problem+json");
    }

    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Test
    void shouldServeOpenApiPubliclyAndHealthAndMetricsOnlyOnTheManagementPort() {
        given().get("/q/openapi").then().statusCode(200);
        given().get(ManagementPort.url(management, "/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ManagementPort.url(management, "/q/health/live")).then().statusCode(200);
        given().get(ManagementPort.url(management, "/q/metrics")).then().statusCode(200);

        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
