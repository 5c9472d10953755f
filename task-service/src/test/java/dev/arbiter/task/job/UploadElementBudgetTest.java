package dev.arbiter.task.job;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.testsupport.ManagementPort;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A JSON-array upload whose element is huge is stopped at the per-item budget ({@code max-item-bytes}, 4 MiB): the
 * element is never held whole, the items before it are kept, and the service goes on serving.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class UploadElementBudgetTest {

    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    static final long HUGE = 50L * 1024 * 1024;
    static final String FIRST = "{\"prompt\":\"Question 0?\",\"responses\":[{\"id\":\"r1\",\"text\":\"One.\"},"
            + "{\"id\":\"r2\",\"text\":\"Two.\"}]}";

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldStopAtAHugeArrayElementWith413KeepTheItemsBeforeItAndStayHealthy() throws Exception {
        UUID job = createJob(lab, job(uniqueDomain(), "PAIRWISE", 2));
        // one good item, then one whose prompt is 50 MB, made up as it is sent (never allocated)
        String head = "[\n" + FIRST + ",\n{\"prompt\":\"";
        String tail = "\",\"responses\":[{\"id\":\"r1\",\"text\":\"a\"},{\"id\":\"r2\",\"text\":\"b\"}]}\n]";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/jobs/" + job + "/items"))
                .header("Authorization", "Bearer " + lab).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(head, HUGE, tail))).build();
        long heapBefore = heapPeakReset();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long heapPeak = heapPeak();
        System.out.printf("huge element: %d in %s; heap used before %d MB, peak during %d MB%n", answer.statusCode(),
                answer.body(), heapBefore >> 20, heapPeak >> 20);

        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertTrue(problem.get("type").asText().endsWith("/item-too-large"), answer.body());
        assertEquals(1, problem.get("element").asInt(), "the second element (from 0) is named");
        assertEquals(3, problem.get("line").asInt());
        assertEquals(4_194_304, problem.get("maxItemBytes").asLong());
        assertEquals(1, problem.get("accepted").asInt());
        assertTrue(problem.get("detail").asText().contains("4194304 bytes"), answer.body());
        // the item before it is kept whole, nothing of the huge one
        assertEquals(1, count(db, "select count(*) from item where job_id = ?", job));
        assertEquals(2, count(db, "select count(*) from item_slot where job_id = ?", job));
        assertEquals(1, count(db, "select item_count from job where id = ?", job));

        // still healthy: it answers, and takes the next upload
        given().get(ManagementPort.url(management, "/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().auth().oauth2(lab).contentType("application/json").body(("[" + FIRST + "]").getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(201).body("accepted", equalTo(1));
    }

    @Test
    void shouldReadAnElementOfExactlyTheBudgetAndRefuseOneByteMore() {
        UUID job = createJob(lab, job(uniqueDomain(), "PAIRWISE", 1));
        // a response text of 100,000 characters (the most allowed) fits easily in the budget
        String big = "{\"prompt\":\"Q?\",\"responses\":[{\"id\":\"r1\",\"text\":\"" + "y".repeat(100_000)
                + "\"},{\"id\":\"r2\",\"text\":\"z\"}]}";
        given().auth().oauth2(lab).contentType("application/json").body(("[" + big + "]").getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(201).body("accepted", equalTo(1));
        // an element of exactly the budget is read (and rejected as an item: it has no responses); one byte more is refused
        String at = "{\"prompt\":\"Q?\",\"x\":\"" + "w".repeat(4_194_304 - 22) + "\"}";
        assertEquals(4_194_304, at.length());
        given().auth().oauth2(lab).contentType("application/json").body(("[" + at + "," + FIRST + "]").getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(201).body("accepted", equalTo(1))
                .body("rejected[0].problem", equalTo("responses: must be an array"));
        String over = "{\"prompt\":\"Q?\",\"x\":\"" + "w".repeat(4_194_304 - 21) + "\"}";
        given().auth().oauth2(lab).contentType("application/json").body(("[" + FIRST + "," + over + "]").getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(413).body("element", equalTo(1)).body("accepted", equalTo(1));
        assertEquals(3, count(db, "select count(*) from item where job_id = ?", job));
    }

    /** {@code head}, then {@code n} bytes of 'x' generated as they are read, then {@code tail}. */
    static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long n;
        private long pos;

        Generated(String head, long n, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.n = n;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + n + tail.length;
            if (pos >= total) {
                return -1;
            }
            int i = 0;
            for (; i < len && pos < total; i++, pos++) {
                b[off + i] = pos < head.length ? head[(int) pos]
                        : pos < head.length + n ? (byte) 'x' : tail[(int) (pos - head.length - n)];
            }
            return i;
        }
    }

    private static long heapPeakReset() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        return used;
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
