package dev.arbiter.task.claim;

import static org.hamcrest.Matchers.endsWith;
import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class ClaimResourceTest {

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldHandAnEligibleExpertOneSlotWithShuffledLabelledResponsesAndNoModelNames() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "RANK", 2, 1, 4);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);

        Response claim = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
        claim.then().statusCode(200)
                .body("taskId", notNullValue()).body("sessionId", notNullValue()).body("leaseExpiresAt", notNullValue())
                .body("job.title", equalTo("Compare answers")).body("job.dimensions.size()", equalTo(2))
                .body("item.prompt", equalTo("Question 0?"))
                .body("item.responses.label", equalTo(List.of("A", "B", "C", "D")))
                .body("item.responses[0].model", nullValue()).body("item.responses[0].id", nullValue());
        assertEquals(1, count(db, "select count(*) from work_session where id = ?::uuid", claim.path("sessionId").toString()));
        // Everything stored maps back to the original ids: the task keeps the shown order of r1…r4.
        String order = Fixtures.query(db, "select response_order::text from task where id = ?::uuid",
                claim.path("taskId").toString()).get(0).get(0).toString();
        List<String> texts = claim.path("item.responses.text");
        for (int i = 0; i < 4; i++) {
            String id = order.replaceAll("[\\[\\]\" ]", "").split(",")[i];
            assertEquals("Answer " + id.substring(1) + " to 0.", texts.get(i));
        }
        // The same expert never gets the same item twice.
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(204);
    }

    @Test
    void shouldExplainWhyAClaimOnANamedJobCannotBeServed() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 2, 2);
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        // not qualified in the domain
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(403).contentType("application/problem+json");
        qualify(db, expert, domain, 1);
        given().auth().oauth2(lab).post("/api/jobs/" + job + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/job-not-open"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", UUID.randomUUID().toString()))
                .post("/api/tasks/claim").then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from task where job_id = ?", job));
        // a lab cannot claim
        given().auth().oauth2(lab).contentType(ContentType.JSON).body("{}").post("/api/tasks/claim").then().statusCode(403);
    }

    @Test
    void shouldNeverHandTheSameSlotToTwoExpertsUnder200ConcurrentClaims() throws Exception {
        String domain = uniqueDomain();
        int items = 40;
        UUID job = publishedJob(lab, domain, "PAIRWISE", 3, items, 2);
        List<UUID> experts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID e = UUID.randomUUID();
            qualify(db, e, domain, 2);
            experts.add(e);
        }
        // Two rounds of 200 parallel claims: 120 slots exist, each expert may take at most one per item.
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            statuses.addAll(claimAll(experts, job));
            System.out.printf("claim round %d: %d ms%n", round, (System.nanoTime() - t0) / 1_000_000);
        }
        long granted = statuses.stream().filter(s -> s == 200).count();
        assertEquals(0, statuses.stream().filter(s -> s != 200 && s != 204).count(), "only 200 and 204: " + statuses);
        assertEquals(items * 3L, granted);
        assertEquals(items * 3L, count(db, "select count(*) from task where job_id = ? and state = 'LEASED'", job));
        assertEquals(0, count(db, "select count(*) from (select slot_id from task where job_id = ? group by slot_id "
                + "having count(*) > 1) x", job), "double assignments of a slot");
        assertEquals(0, count(db, "select count(*) from (select item_id from task where job_id = ? group by item_id "
                + "having count(*) > 3) x", job), "over-assigned items");
        assertEquals(0, count(db, "select count(*) from (select item_id, expert_id from task where job_id = ? "
                + "group by item_id, expert_id having count(*) > 1) x", job), "an expert twice on one item");
    }

    @Test
    void shouldGiveOneExpertFiringManyClaimsAtOnceOnlyOneSlotOfAnItem() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 3, 1, 2);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        List<Integer> statuses = claimAll(Collections.nCopies(30, expert), job);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, count(db, "select count(*) from task where job_id = ?", job));
    }

    @Test
    void shouldReturnAReleasedSlotAtOnceAndAnExpiredOneAutomatically() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        qualify(db, first, domain, 1);
        qualify(db, second, domain, 1);
        qualify(db, third, domain, 1);
        String task = claim(first, job).then().statusCode(200).extract().path("taskId");
        claim(second, job).then().statusCode(204);
        // another expert cannot release it
        given().auth().oauth2(TestJwt.expert(second)).post("/api/tasks/" + task + "/release").then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(first)).post("/api/tasks/" + task + "/release").then().statusCode(204);
        assertEquals(1, count(db, "select count(*) from work_session where task_id = ?::uuid and close_reason = 'RELEASED'", task));
        String secondTask = claim(second, job).then().statusCode(200).extract().path("taskId");
        // the lease runs out: a claim takes the slot and the old task expires
        update(db, "update item_slot set lease_expires_at = now() - interval '1 minute' where task_id = ?::uuid", secondTask);
        update(db, "update task set lease_expires_at = now() - interval '1 minute' where id = ?::uuid", secondTask);
        claim(third, job).then().statusCode(200);
        assertEquals("EXPIRED", Fixtures.query(db, "select state from task where id = ?::uuid", secondTask).get(0).get(0));
        given().auth().oauth2(TestJwt.expert(second)).contentType(ContentType.JSON).body(Map.of("x", 1))
                .put("/api/tasks/" + secondTask + "/draft").then().statusCode(409);
        given().auth().oauth2(TestJwt.expert(second)).get("/api/tasks/mine").then().statusCode(200)
                .body("state", hasItem("EXPIRED")).body("state", not(hasItem("LEASED")));
    }

    private Response claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
    }

    /** Fires one claim per listed expert, all at once, over real HTTP; the status codes. */
    static List<Integer> claimAll(List<UUID> experts, UUID job) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/tasks/claim");
        ExecutorService pool = Executors.newFixedThreadPool(experts.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (UUID expert : experts) {
                String token = TestJwt.expert(expert);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\":\"" + job + "\"}")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
