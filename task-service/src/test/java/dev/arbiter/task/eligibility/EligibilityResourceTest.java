package dev.arbiter.task.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import java.util.Set;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class EligibilityResourceTest {

    static EventEnvelope qualified(UUID expert, String domain, Tier tier) {
        return KafkaTestClient.envelope("qualification-service", expert.toString())
                .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expert.toString()).setDomain(domain)
                        .setTier(tier).setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE))
                .build();
    }

    @Test
    void shouldKeepTheEligibilityRecordFromBothStreamsWhateverTheirOrder() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            // The qualification may overtake the registration: they travel on different topics.
            kafka.publish("qualification.events.v1", qualified(expert, "medicine", Tier.TIER_1));
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
            EventEnvelope promotion = qualified(expert, "medicine", Tier.TIER_3);
            kafka.publish("qualification.events.v1", promotion);
            kafka.publish("qualification.events.v1", promotion);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/tasks/eligibility").then()
                            .body("qualifications[0].tier", equalTo(3)));
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", expert.toString())
                    .setQualificationRevoked(QualificationRevoked.newBuilder().setExpertId(expert.toString())
                            .setDomain("medicine").setReason("confirmed fraud"))
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    given().auth().oauth2(token).get("/api/tasks/eligibility").then()
                            .body("qualifications.size()", equalTo(0)));
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

    @Test
    void shouldServeHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
