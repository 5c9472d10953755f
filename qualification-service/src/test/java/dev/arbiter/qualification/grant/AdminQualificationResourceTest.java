package dev.arbiter.qualification.grant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification"))
class AdminQualificationResourceTest {

    static final UUID ADMIN = UUID.randomUUID();

    static UUID knownExpert(KafkaTestClient kafka) {
        UUID expert = UUID.randomUUID();
        kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", expert.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                        .setEmail("x@example.org").setDisplayName("Vetted Expert"))
                .build());
        return expert;
    }

    static ValidatableResponse grant(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/admin/qualifications").then();
    }

    @Test
    void shouldGrantWithAReasonAuditItAndAnnounceIt() {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            UUID expert = knownExpert(kafka);
            Map<String, Object> body = Map.of("expertId", expert.toString(), "domain", "Finance", "tier", 2,
                    "reason", "Vetted CFA charterholder moving from our old platform");
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    grant(TestJwt.admin(ADMIN), body).statusCode(201)
                            .body("domain", equalTo("finance"))
                            .body("tier", equalTo(2))
                            .body("source", equalTo("ADMIN_GRANT")));

            EventEnvelope event = kafka.awaitEnvelope("qualification.events.v1",
                    e -> e.getAggregateId().equals(expert.toString()) && e.hasExpertQualified(), Duration.ofSeconds(30));
            assertEquals("finance", event.getExpertQualified().getDomain());
            assertEquals(Tier.TIER_2, event.getExpertQualified().getTier());
            assertEquals(QualificationSource.QUALIFICATION_SOURCE_ADMIN_GRANT, event.getExpertQualified().getSource());

            given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                    .body(Map.of("expertId", expert.toString(), "domain", "finance", "reason", "Credentials withdrawn by the issuer"))
                    .post("/api/admin/qualifications/revocations").then().statusCode(201);
            kafka.awaitEnvelope("qualification.events.v1",
                    e -> e.getAggregateId().equals(expert.toString()) && e.hasQualificationRevoked(), Duration.ofSeconds(30));

            given().auth().oauth2(TestJwt.admin(ADMIN)).get("/api/admin/qualifications/" + expert + "/audit").then()
                    .statusCode(200)
                    .body("size()", equalTo(2))
                    .body("action", hasItem("GRANT"))
                    .body("action", hasItem("REVOKE"))
                    .body("[0].actorId", equalTo(ADMIN.toString()));
        }
    }

    @Test
    void shouldRefuseBadGrantsClearly() {
        String admin = TestJwt.admin(ADMIN);
        grant(admin, Map.of("expertId", UUID.randomUUID().toString(), "domain", "astrology", "tier", 1,
                "reason", "a reason long enough")).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation")).body("violations[0].field", equalTo("domain"))
                .body("violations[0].message", startsWith("must be one of biology, chemistry, code, finance"));
        // an expert whose registration has not reached this service (yet): retry shortly, not "does not exist"
        grant(admin, Map.of("expertId", UUID.randomUUID().toString(), "domain", "law", "tier", 1,
                "reason", "a reason long enough")).statusCode(409).contentType("application/problem+json")
                .header("Retry-After", "2").body("type", endsWith("/expert-not-known-yet"));
        // every problem at once: the catalog's domain beside the fields'
        grant(admin, Map.of("expertId", UUID.randomUUID().toString(), "domain", "astrology", "tier", 7, "reason", "short"))
                .statusCode(400).body("violations.field", equalTo(List.of("domain", "reason", "tier")))
                .body("violations[0].message", startsWith("must be one of biology"));
        grant(admin, Map.of("expertId", UUID.randomUUID().toString(), "domain", "law", "tier", 7, "reason", "short"))
                .statusCode(400).body("violations.field", hasItem("tier")).body("violations.field", hasItem("reason"));
        grant(admin, Map.of("expertId", "not-a-uuid", "domain", "law", "tier", 1, "reason", "a reason long enough"))
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("expertId"))
                .body("violations[0].message", startsWith("must be a UUID"));
    }

    @Test
    void shouldLetOnlyAdminsGrant() {
        grant(TestJwt.expert(UUID.randomUUID()), Map.of("expertId", UUID.randomUUID().toString(), "domain", "law",
                "tier", 3, "reason", "I would like to be qualified")).statusCode(403).contentType("application/problem+json");
        grant(TestJwt.forged(UUID.randomUUID(), Set.of("ADMIN")), Map.of()).statusCode(401);
    }
}
