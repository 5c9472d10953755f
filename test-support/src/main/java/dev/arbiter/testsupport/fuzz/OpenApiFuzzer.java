package dev.arbiter.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.testsupport.TestJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * Sends every operation of a service's OpenAPI document malformed requests (see {@link MalformedRequests})
 * as each kind of caller, and checks every answer: never a 5xx, every 4xx an
 * {@code application/problem+json} document with {@code status} and {@code title}, no stack trace or class
 * name in any body, no 2xx to a malformed request that changes state, and (with
 * {@link #assertRefusedWithoutWriting}) no table of the service's database changed.
 *
 * <pre>{@code
 * OpenApiFuzzer.against(baseUri).assertRefusedWithoutWriting(dataSource);
 * }</pre>
 *
 * Deterministic: one seed chooses every random id and which per-property variants are sent.
 */
public final class OpenApiFuzzer {

    /** The callers every service is fuzzed as, with fixed ids so that runs repeat. */
    public static final UUID EXPERT_ID = UUID.fromString("00000000-f022-4000-8000-00000000e001");
    public static final UUID LAB_ID = UUID.fromString("00000000-f022-4000-8000-00000000a001");
    public static final UUID LAB_ORG_ID = UUID.fromString("00000000-f022-4000-8000-00000000a0a0");
    public static final UUID ADMIN_ID = UUID.fromString("00000000-f022-4000-8000-00000000ad01");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern LEAK = Pattern.compile(
            "\\bat (dev\\.arbiter|java\\.|jakarta\\.|io\\.|org\\.|com\\.)|Exception|java\\.lang|\\.java:\\d+|"
                    + "io\\.quarkus|io\\.vertx|org\\.jboss|com\\.fasterxml|org\\.hibernate|org\\.postgresql|SQLSTATE");
    private static final int REPORTED_FAILURES = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Map<String, String> callers = new LinkedHashMap<>();
    private final Map<String, String> excluded = new TreeMap<>();
    private final Map<String, String> bookkeeping = new TreeMap<>();
    private long seed = 20261130L;
    private DataSource dataSource;
    private int variantsPerOperation = 45;
    private String documentPath = "/q/openapi?format=json";

    private OpenApiFuzzer(URI base) {
        this.base = base;
    }

    /**
     * A fuzzer for the service at {@code base}, calling as nobody, an EXPERT, a LAB member and an ADMIN
     * (tokens from {@link TestJwt}).
     */
    public static OpenApiFuzzer against(URI base) {
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(base);
        fuzzer.callers.put("none", null);
        fuzzer.callers.put(TestJwt.EXPERT, TestJwt.expert(EXPERT_ID));
        fuzzer.callers.put(TestJwt.LAB, TestJwt.lab(LAB_ID, LAB_ORG_ID));
        fuzzer.callers.put(TestJwt.ADMIN, TestJwt.admin(ADMIN_ID));
        return fuzzer;
    }

    /** Leaves one operation out, e.g. {@code exclude("POST /api/x/{id}", "finding …, fixed in …")}; say why. */
    public OpenApiFuzzer exclude(String operation, String why) {
        excluded.put(operation, why);
        return this;
    }

    /**
     * A table that records answers rather than state, left out of the comparison (e.g. stored Idempotency-Key
     * answers, which a refused request has too); say why, and check its rows in the test if they matter.
     */
    public OpenApiFuzzer bookkeeping(String table, String why) {
        bookkeeping.put(table, why);
        return this;
    }

    public OpenApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** At most this many requests per operation and caller (path, query and whole-body variants always go). */
    public OpenApiFuzzer variantsPerOperation(int cap) {
        this.variantsPerOperation = cap;
        return this;
    }

    /** Fuzzes with a snapshot of every table before and after, and fails listing every offending answer. */
    public FuzzReport assertRefusedWithoutWriting(DataSource dataSource) {
        this.dataSource = dataSource;
        TableSnapshot before = settled(dataSource, bookkeeping.keySet());
        FuzzReport report = run();
        TableSnapshot after = settled(dataSource, bookkeeping.keySet());
        List<String> written = after.differencesFrom(before);
        System.out.println(report.summary() + "; " + before.tableCount() + " tables compared");
        StringBuilder message = new StringBuilder();
        if (!report.failures().isEmpty()) {
            message.append(report.failureList(REPORTED_FAILURES));
        }
        if (!written.isEmpty()) {
            message.append("\nRows changed although every request was malformed:\n  ")
                    .append(String.join("\n  ", written));
        }
        if (!message.isEmpty()) {
            throw new AssertionError(report.summary() + "\n" + message);
        }
        return report;
    }

    /** Sends every request and collects what went wrong; asserts nothing itself. */
    public FuzzReport run() {
        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode document = document(http);
        Random random = new Random(seed);
        SchemaValues schemas = new SchemaValues(document, random);
        MalformedRequests malformed = new MalformedRequests(schemas, random);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        int operations = 0;
        int requests = 0;

        List<String> templates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(templates::add);
        templates.sort(null);
        for (String template : templates) {
            JsonNode pathItem = document.path("paths").path(template);
            List<String> methods = new ArrayList<>();
            pathItem.fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    methods.add(m);
                }
            });
            methods.sort(null);
            for (String method : methods) {
                String operationName = method.toUpperCase() + " " + template;
                if (excluded.containsKey(operationName)) {
                    continue;
                }
                JsonNode operation = pathItem.path(method);
                List<MalformedRequests.Variant> variants = malformed.of(template, operation, pathItem, variantsPerOperation);
                boolean mutating = !"get".equals(method);
                if (mutating && variants.isEmpty()) {
                    // No body, no parameter: nothing about it can be malformed, and a valid request may write.
                    continue;
                }
                operations++;
                TableSnapshot beforeOperation = dataSource == null ? null : TableSnapshot.take(dataSource, bookkeeping.keySet());
                Map<String, String> headers = headerValues(operation, schemas);
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    for (MalformedRequests.Variant v : variants) {
                        FuzzRequest request = new FuzzRequest(operationName, caller.getKey(), v.what(),
                                method.toUpperCase(), v.target(), headers, v.contentType(), v.body(), v.malformed());
                        requests++;
                        perOperation.merge(operationName, 1, Integer::sum);
                        String failure = check(request, send(http, request, caller.getValue()));
                        if (failure != null) {
                            failures.add(request.describe() + "\n      → " + failure);
                        }
                    }
                }
                if (beforeOperation != null) {
                    // Which operation wrote is worth knowing; the settled comparison at the end is what decides.
                    List<String> changed = TableSnapshot.take(dataSource, bookkeeping.keySet()).differencesFrom(beforeOperation);
                    if (!changed.isEmpty()) {
                        failures.add(operationName + " (one of its " + variants.size() * callers.size()
                                + " requests)\n      → rows changed: " + String.join("; ", changed));
                    }
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new FuzzReport(document.path("info").path("title").asText(base.toString()), operations, requests,
                perOperation, failures, excluded, bookkeeping, took);
    }

    private record Answer(int status, String contentType, String body, String error) {
    }

    private Answer send(HttpClient http, FuzzRequest request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.target()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        request.headers().forEach(builder::header);
        if (token != null) {
            builder.header("Authorization", TestJwt.bearer(token));
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Answer(0, "", "", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The fuzzer built an invalid request " + request.describe(), e);
        }
    }

    /** What is wrong with the answer, or null. */
    private static String check(FuzzRequest request, Answer answer) {
        if (answer.error() != null) {
            return answer.error();
        }
        String shown = answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body());
        if (answer.status() >= 500) {
            return "server error: " + shown;
        }
        if (LEAK.matcher(answer.body()).find()) {
            return "a class name or stack trace in the body: " + shown;
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                return "not problem+json: " + shown;
            }
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem == null || !problem.isObject() || !problem.path("status").isInt()
                        || problem.path("status").asInt() != answer.status()
                        || (!problem.path("title").isTextual() && !problem.path("type").isTextual())) {
                    return "a problem document without status (equal to the answer's) and title: " + shown;
                }
            } catch (IOException e) {
                return "problem+json that is not JSON: " + shown;
            }
            return null;
        }
        if (answer.status() >= 300) {
            return "a redirect: " + shown;
        }
        if (request.mutating() && request.malformed()) {
            return "accepted a malformed request to a method that changes state: " + shown;
        }
        return null;
    }

    private static Map<String, String> headerValues(JsonNode operation, SchemaValues schemas) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode parameter = schemas.resolve(p);
            if ("header".equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Content-Type")) {
                    // A well-formed value (e.g. an Idempotency-Key), so that the body is what is judged.
                    headers.put(name, "fuzz-" + schemas.uuid());
                }
            }
        }
        return headers;
    }

    private JsonNode document(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(documentPath))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No OpenAPI document at " + documentPath + ": " + response.statusCode());
            }
            JsonNode document = JSON.readTree(response.body());
            if (!document.path("paths").isObject() || document.path("paths").isEmpty()) {
                throw new IllegalStateException("The OpenAPI document lists no paths");
            }
            return document;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the OpenAPI document: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A snapshot once two in a row agree: work that earlier tests started (an event still being consumed)
     * settles first, so that what differs afterwards is the fuzz run's doing. Bounded.
     */
    private static TableSnapshot settled(DataSource dataSource, Set<String> ignored) {
        TableSnapshot[] last = {TableSnapshot.take(dataSource, ignored)};
        Awaitility.await("the database to settle").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    TableSnapshot now = TableSnapshot.take(dataSource, ignored);
                    boolean same = now.equals(last[0]);
                    last[0] = now;
                    return same;
                });
        return last[0];
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
