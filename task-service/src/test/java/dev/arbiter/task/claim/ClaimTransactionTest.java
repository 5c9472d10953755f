package dev.arbiter.task.claim;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.publish;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A claim opens its transaction by hand ({@code BEGIN}, {@code claim_slot}, then the inserts pipelined with
 * {@code COMMIT}): whatever it answers, its connection goes back to the pool with the transaction ended and the
 * expert's advisory lock released. A connection left inside the transaction would keep the lock (the expert's next
 * claims would wait for ever) and swallow the next user's writes.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class ClaimTransactionTest {

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldEndTheTransactionAndReleaseTheExpertsLockWhateverTheClaimAnswers() {
        String domain = uniqueDomain();
        Map<String, Object> spec = job(domain, "PAIRWISE", 1);
        spec.put("maxLeasesPerExpert", 1);
        UUID job = createJob(lab, spec);
        upload(lab, job, items(2, 2));
        publish(lab, job);
        UUID expert = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        qualify(db, other, domain, 1);
        qualify(db, third, domain, 1);

        claim(expert, job).then().statusCode(200);
        assertNoTransactionLeft();
        claim(expert, job).then().statusCode(409);               // at the cap of 1
        assertNoTransactionLeft();
        claim(other, job).then().statusCode(200);
        claim(third, job).then().statusCode(204);                // both slots leased
        assertNoTransactionLeft();
        claim(UUID.randomUUID(), job).then().statusCode(403);    // not qualified
        claim(expert, UUID.randomUUID()).then().statusCode(404); // no such job
        assertNoTransactionLeft();
        // a lease running out: the next claim takes the slot back from the expired task (more statements, same end)
        Fixtures.update(db, "update item_slot set lease_expires_at = now() - interval '1 minute' where job_id = ? "
                + "and task_id in (select id from task where expert_id = ?)", job, expert);
        Fixtures.update(db, "update task set lease_expires_at = now() - interval '1 minute' where expert_id = ?", expert);
        claim(third, job).then().statusCode(200);
        assertNoTransactionLeft();
        assertEquals(1, count(db, "select count(*) from task where expert_id = ? and state = 'EXPIRED'", expert));
        // the expert's lock is free: their next claim is served at once (nothing left for them here: 204)
        claim(expert, job).then().statusCode(204);
        assertNoTransactionLeft();
    }

    private void assertNoTransactionLeft() {
        // the answer is sent only after COMMIT or ROLLBACK came back; other transactions of the service may be running,
        // so wait (bounded) for none to be left open
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertEquals(0, count(db, "select count(*) from pg_locks where locktype = 'advisory'"), "advisory locks held");
            assertEquals(0, count(db, "select count(*) from pg_stat_activity where datname = current_database() "
                    + "and pid <> pg_backend_pid() and state like 'idle in transaction%'"), "connections idle in a transaction");
        });
    }

    private static io.restassured.response.Response claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
    }
}
