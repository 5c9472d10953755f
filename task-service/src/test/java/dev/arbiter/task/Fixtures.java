package dev.arbiter.task;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/** Jobs, items and qualified experts for the task-service tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Map<String, Object> job(String domain, String comparison, int judgmentsPerItem) {
        return new HashMap<>(Map.ofEntries(
                Map.entry("title", "Compare answers"), Map.entry("domain", domain),
                Map.entry("instructions", "Read *carefully*."), Map.entry("comparison", comparison),
                Map.entry("dimensions", List.of(
                        Map.of("key", "accuracy", "description", "Is it correct?", "scaleMin", 1, "scaleMax", 5),
                        Map.of("key", "clarity", "description", "Is it clear?", "scaleMin", 1, "scaleMax", 5))),
                Map.entry("judgmentsPerItem", judgmentsPerItem), Map.entry("minTier", 1),
                Map.entry("hourlyRate", Map.of("amountMinor", 4500, "currency", "USD")),
                Map.entry("expectedMinutesPerItem", 10),
                Map.entry("budget", Map.of("amountMinor", 10_000_000, "currency", "USD")),
                Map.entry("minRationaleLength", 10)));
    }

    public static UUID createJob(String labToken, Map<String, Object> job) {
        return UUID.fromString(given().auth().oauth2(labToken).contentType(ContentType.JSON).body(job)
                .post("/api/jobs").then().statusCode(201).extract().path("id"));
    }

    /** NDJSON of {@code n} items with {@code responses} responses each (models named, ids r1…). */
    public static String items(int n, int responses) {
        return IntStream.range(0, n).mapToObj(i -> "{\"externalId\":\"x" + i + "\",\"prompt\":\"Question " + i
                        + "?\",\"responses\":[" + IntStream.rangeClosed(1, responses).mapToObj(r -> "{\"id\":\"r" + r
                        + "\",\"text\":\"Answer " + r + " to " + i + ".\",\"model\":\"model-" + r + "\"}")
                        .collect(Collectors.joining(",")) + "]}")
                .collect(Collectors.joining("\n")) + "\n";
    }

    public static void upload(String labToken, UUID jobId, String ndjson) {
        given().auth().oauth2(labToken).contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201);
    }

    public static UUID publishedJob(String labToken, String domain, String comparison, int judgmentsPerItem, int items, int responses) {
        UUID job = createJob(labToken, job(domain, comparison, judgmentsPerItem));
        upload(labToken, job, items(items, responses));
        publish(labToken, job);
        return job;
    }

    /** Funds the job's organization with the job's budget (as a deposit would) and publishes the job. */
    public static void publish(String labToken, UUID job) {
        io.restassured.path.json.JsonPath read = given().auth().oauth2(labToken).get("/api/jobs/" + job).then().statusCode(200)
                .extract().jsonPath();
        fund(UUID.fromString(read.getString("organizationId")), read.getLong("budget.amountMinor"));
        given().auth().oauth2(labToken).post("/api/jobs/" + job + "/publish").then().statusCode(200);
    }

    /**
     * Adds a deposit to the organization's funding, as payout-service's {@code LabFunded} would (the projection row,
     * written directly like {@link #uniqueDomain()} writes the catalog).
     */
    public static void fund(UUID organizationId, long amountMinor) {
        update(Arc.container().instance(AgroalDataSource.class).get(),
                "insert into organization_funding (organization_id, funded_minor) values (?, ?) on conflict (organization_id) "
                        + "do update set funded_minor = organization_funding.funded_minor + excluded.funded_minor",
                organizationId, amountMinor);
    }

    public static void qualify(AgroalDataSource ds, UUID expert, String domain, int tier) {
        update(ds, "insert into expert_domain (expert_id, domain, tier, source) values (?, ?, ?, 'TEST') "
                + "on conflict (expert_id, domain) do update set tier = excluded.tier", expert, domain, tier);
    }

    /** A domain of this test alone, in the service's catalog (as if marketplace-api had announced it). */
    public static String uniqueDomain() {
        String key = "d" + UUID.randomUUID().toString().substring(0, 8);
        update(Arc.container().instance(AgroalDataSource.class).get(),
                "insert into domain_catalog (key, name) values (?, ?)", key, "Test domain " + key);
        return key;
    }

    public static int update(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<List<Object>> query(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(AgroalDataSource ds, String sql, Object... args) {
        return ((Number) query(ds, sql, args).get(0).get(0)).longValue();
    }

    /** A complete, valid judgment for a task whose labels are A, B (…) in the given ranking. */
    public static Map<String, Object> judgment(List<String> ranking, Integer strength) {
        Map<String, Object> scores = new LinkedHashMap<>();
        List<Map<String, Object>> critiques = new ArrayList<>();
        for (int i = 0; i < ranking.size(); i++) {
            scores.put(ranking.get(i), Map.of("accuracy", 5 - i, "clarity", 4));
            if (i > 0) {
                critiques.add(Map.of("label", ranking.get(i), "category", "FACTUAL_ERROR", "severity", "MAJOR",
                        "comment", "States a wrong figure."));
            }
        }
        Map<String, Object> body = new HashMap<>();
        body.put("ranking", ranking);
        if (strength != null) {
            body.put("preferenceStrength", strength);
        }
        body.put("scores", scores);
        body.put("rationales", Map.of("accuracy", "The first is exactly right.", "clarity", "Both read well enough."));
        body.put("critiques", critiques);
        body.put("overallRationale", "The preferred answer is correct and complete.");
        return body;
    }
}
