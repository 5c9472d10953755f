package dev.arbiter.marketplace.domain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one catalog of domains: public to read, admins add to it, and every addition is announced once. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class DomainCatalogTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void shouldListTheCatalogToAnyoneInKeyOrder() {
        List<String> keys = given().get("/api/domains").then().statusCode(200)
                .body("find { it.key == 'medicine' }.name", equalTo("Medicine")).extract().path("key");
        assertEquals(keys.stream().sorted().toList(), keys);
        given().get("/api/domains").then().body("key", hasItems("finance", "law", "code", "history"));
    }

    @Test
    void shouldLetAnAdminAddADomainAndAnnounceIt() {
        String key = "astro-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestJwt.admin(UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("key", key, "name", "  Astronomy "))
                .post("/api/admin/domains").then().statusCode(201).body("key", equalTo(key)).body("name", equalTo("Astronomy"));
        given().get("/api/domains").then().body("key", hasItem(key));

        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            EventEnvelope event = kafka.awaitEnvelope("marketplace.accounts.v1", e -> e.getAggregateId().equals(key),
                    Duration.ofSeconds(30));
            assertEquals(EventEnvelope.PayloadCase.DOMAIN_ADDED, event.getPayloadCase());
            assertEquals("Astronomy", event.getDomainAdded().getName());
            assertEquals("marketplace-api", event.getProducer());
        }

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("key", key, "name", "Again"))
                .post("/api/admin/domains").then().statusCode(409).contentType(PROBLEM).body("type", org.hamcrest.Matchers.endsWith("domain-exists"));
        given().get("/api/domains").then().body("find { it.key == '" + key + "' }.name", equalTo("Astronomy"));
    }

    @Test
    void shouldRefuseBadDomainsAndEveryoneButAdmins() {
        String admin = TestJwt.admin(UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("key", "Astrology!", "name", ""))
                .post("/api/admin/domains").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItems("key", "name"));
        given().get("/api/domains").then().body("key", not(hasItem("Astrology!")));
        Map<String, String> ok = Map.of("key", "geology", "name", "Geology");
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).contentType(ContentType.JSON).body(ok)
                .post("/api/admin/domains").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).contentType(ContentType.JSON).body(ok)
                .post("/api/admin/domains").then().statusCode(403);
        given().contentType(ContentType.JSON).body(ok).post("/api/admin/domains").then().statusCode(401);
        given().get("/api/domains").then().body("key", not(hasItem("geology")));
    }
}
