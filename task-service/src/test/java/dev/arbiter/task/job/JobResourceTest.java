package dev.arbiter.task.job;

import static org.hamcrest.Matchers.containsString;
import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.accounts.v1.DomainAdded;
import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class JobResourceTest {

    @Inject
    AgroalDataSource db;

    final UUID orgA = UUID.randomUUID();
    final String labA = TestJwt.lab(UUID.randomUUID(), orgA);
    final String labB = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldCreateADraftJobAndRefuseARateBelowTheFloorOrInvalidFields() {
        Map<String, Object> job = job(uniqueDomain(), "RANK", 3);
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(job).post("/api/jobs").then().statusCode(201)
                .header("Location", containsString("/api/jobs/")).body("status", equalTo("DRAFT"));
        Map<String, Object> cheap = job(uniqueDomain(), "RANK", 3);
        cheap.put("hourlyRate", Map.of("amountMinor", 100, "currency", "USD"));
        cheap.put("dimensions", List.of(Map.of("key", "accuracy", "description", "d", "scaleMin", 5, "scaleMax", 1)));
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(cheap).post("/api/jobs").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("violations.field", hasItems("hourlyRate.amountMinor", "dimensions[0].scaleMax"))
                .body("violations.find { it.field == 'hourlyRate.amountMinor' }.message",
                        equalTo("must be at least 2000, the platform's floor per hour"));
        Map<String, Object> incomplete = job(uniqueDomain(), "RANK", 3);
        incomplete.remove("title");
        incomplete.put("judgmentsPerItem", 0);
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(incomplete).post("/api/jobs").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).contentType(ContentType.JSON).body(job).post("/api/jobs")
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseADomainOutsideTheCatalogUntilMarketplaceApiAnnouncesIt() {
        String key = "astro" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> job = job(key, "RANK", 3);
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(job).post("/api/jobs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.find { it.field == 'domain' }.message", containsString("must be one of "))
                .body("violations.find { it.field == 'domain' }.message", containsString("medicine"));
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            // only the catalog's owner is believed
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("payout-service", key)
                    .setDomainAdded(DomainAdded.newBuilder().setKey(key).setName("Forged")).build());
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", key)
                    .setDomainAdded(DomainAdded.newBuilder().setKey(key).setName("Astronomy")).build());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "select count(*) from domain_catalog where key = ?", key) == 1);
        assertEquals("Astronomy", Fixtures.query(db, "select name from domain_catalog where key = ?", key).get(0).get(0));
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(job).post("/api/jobs").then().statusCode(201);
    }

    @Test
    void shouldKeepGoodLinesAndReportBadOnesByLineNumberWithoutHalfWrittenItems() {
        UUID jobId = createJob(labA, job(uniqueDomain(), "PAIRWISE", 2));
        String good = "{\"prompt\":\"P\",\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\",\"model\":\"m\"}]}";
        String ndjson = String.join("\n",
                good,                                                                              // 1
                "{\"prompt\": \"broken\",",                                                        // 2
                "{\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}]}",     // 3 no prompt
                "{\"prompt\":\"P\",\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"},{\"id\":\"c\",\"text\":\"z\"}]}", // 4
                "{\"prompt\":\"P\",\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"a\",\"text\":\"y\"}]}", // 5 duplicate id
                "{\"prompt\":\"P\",\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}],\"gold\":{\"ranking\":[\"a\",\"a\"]}}", // 6
                "",                                                                                // 7 blank
                good.replace("\"P\"", "\"Q\"").replace("}]}", "}],\"gold\":{\"ranking\":[\"b\",\"a\"]}}"), // 8
                "{\"prompt\":\"" + "x".repeat(100_001) + "\",\"responses\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}]}"); // 9
        given().auth().oauth2(labA).contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201)
                .body("accepted", equalTo(2)).body("rejected.line", equalTo(List.of(2, 3, 4, 5, 6, 9)))
                .body("rejected[1].problem", endsWith("prompt: must be a non-empty string"))
                .body("rejectedTotal", equalTo(6));
        assertEquals(2, count(db, "select count(*) from item where job_id = ?", jobId));
        assertEquals(4, count(db, "select count(*) from item_slot where job_id = ?", jobId));
        assertEquals(1, count(db, "select count(*) from item where job_id = ? and gold_ranking is not null", jobId));
        given().auth().oauth2(labA).get("/api/jobs/" + jobId).then().statusCode(200).body("items", equalTo(2));

        // a JSON array: elements before a syntax error are kept, the error is reported by line
        String array = "[\n" + good + ",\n" + good + ",\n{\"prompt\": oops}\n]";
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(array.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201)
                .body("accepted", equalTo(2)).body("rejected[0].line", equalTo(4));
        assertEquals(4, count(db, "select count(*) from item where job_id = ?", jobId));
    }

    @Test
    void shouldHideAJobFromAnotherOrganizationAsIfItDidNotExist() {
        String domain = uniqueDomain();
        UUID jobId = createJob(labA, job(domain, "PAIRWISE", 1));
        given().auth().oauth2(labB).get("/api/jobs/" + jobId).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(labB).contentType("application/x-ndjson").body(items(3, 2).getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(404);
        given().auth().oauth2(labB).post("/api/jobs/" + jobId + "/publish").then().statusCode(404);
        given().auth().oauth2(labB).post("/api/jobs/" + jobId + "/pause").then().statusCode(404);
        given().auth().oauth2(labB).get("/api/jobs/" + jobId + "/progress").then().statusCode(404);
        given().auth().oauth2(labB).get("/api/jobs/" + jobId + "/export?format=trl").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(labB).contentType(ContentType.JSON).body(Map.of("reason", "mine now"))
                .post("/api/jobs/" + jobId + "/judgments/" + UUID.randomUUID() + "/dispute").then().statusCode(404);
        given().auth().oauth2(labB).get("/api/jobs").then().statusCode(200).body("id", not(hasItem(jobId.toString())));
        assertEquals(0, count(db, "select count(*) from item where job_id = ?", jobId));

        // the owner: a job without items cannot be published; with items it can, and shows in its list
        given().auth().oauth2(labA).post("/api/jobs/" + jobId + "/publish").then().statusCode(409);
        given().auth().oauth2(labA).contentType("application/x-ndjson").body(items(3, 2).getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201).body("accepted", equalTo(3));
        UUID expert = UUID.randomUUID();
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/jobs/" + jobId).then().statusCode(404);
        Fixtures.fund(orgA, 10_000_000);
        given().auth().oauth2(labA).post("/api/jobs/" + jobId + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("keySet()", equalTo(Set.of("id", "organizationId", "title", "domain", "instructions", "comparison",
                        "dimensions", "judgmentsPerItem", "minTier", "hourlyRate", "expectedMinutesPerItem", "budget",
                        "minRationaleLength", "spotCheckPercent", "maxLeasesPerExpert", "status", "items", "createdAt")));
        given().auth().oauth2(labA).get("/api/jobs").then().statusCode(200).body("id", hasItem(jobId.toString()));
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get("/api/jobs/" + jobId).then().statusCode(200);

        // an expert sees a published job only when qualified in its domain at its minimum tier
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/jobs").then().body("id", not(hasItem(jobId.toString())));
        qualify(db, expert, domain, 1);
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/jobs").then().body("id", hasItem(jobId.toString()));
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/jobs/" + jobId).then().statusCode(200)
                .body("title", equalTo("Compare answers")).body("tier", equalTo(1))
                .body("effectiveHourlyRate.amountMinor", equalTo(4500)).body("effectiveHourlyRate.currency", equalTo("USD"));
        given().auth().oauth2(labA).get("/api/jobs/" + jobId + "/progress").then().statusCode(200)
                .body("items", equalTo(3)).body("judgmentsRequired", equalTo(3)).body("judgmentsSubmitted", equalTo(0))
                .body("budget.amountMinor", equalTo(10_000_000)).body("spent.amountMinor", equalTo(0));
    }
}
