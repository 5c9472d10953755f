package dev.arbiter.marketplace.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.marketplace.gateway.openapi.OpenApiMerge.Missing;
import dev.arbiter.marketplace.gateway.openapi.OpenApiMerge.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiMergeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldKeepOnlyThePathsEachSourceOwnsAndSayWhoIsMissing() {
        JsonNode own = doc("""
                {"openapi":"3.1.0","paths":{
                  "/api/me":{"get":{"responses":{"200":{"description":"ok"}}}},
                  "/api/jobs/{id}":{"get":{"responses":{"200":{"description":"shadowed by the gateway"}}}}}}""");
        JsonNode tasks = doc("""
                {"openapi":"3.1.0","paths":{
                  "/api/jobs/{id}":{"get":{"responses":{"200":{"description":"job"}}}},
                  "/api/jobsearch":{"get":{"responses":{"200":{"description":"not a whole segment"}}}},
                  "/internal/replay":{"post":{"responses":{"204":{"description":"internal"}}}}}}""");

        ObjectNode merged = OpenApiMerge.merge("Arbiter public API", "1.0", List.of(
                        new Source("marketplace-api", path -> !path.startsWith("/api/jobs/"), own),
                        new Source("task-service", path -> path.startsWith("/api/jobs/"), tasks)),
                List.of(new Missing("payout-service", List.of("/api/payouts"), "connection refused")));

        assertEquals(List.of("/api/me", "/api/jobs/{id}"), fieldNames(merged.get("paths")));
        assertEquals("job", merged.at("/paths/~1api~1jobs~1{id}/get/responses/200/description").asText());
        assertEquals("Arbiter public API", merged.at("/info/title").asText());
        assertEquals("/", merged.at("/servers/0/url").asText());
        assertEquals("3.1.0", merged.get("openapi").asText());
        assertEquals("payout-service", merged.at("/x-arbiter-missing/0/service").asText());
        assertEquals("/api/payouts", merged.at("/x-arbiter-missing/0/prefixes/0").asText());
    }

    @Test
    void shouldLeaveOutTheMissingExtensionWhenEveryoneAnswered() {
        ObjectNode merged = OpenApiMerge.merge("t", "1", List.of(new Source("a", p -> true, doc("{\"paths\":{}}"))), List.of());
        assertFalse(merged.has(OpenApiMerge.MISSING));
    }

    @Test
    void shouldMergeIdenticalSchemasOfTheSameName() {
        String money = """
                "Money":{"type":"object","properties":{"amountMinor":{"type":"integer"},"currency":{"type":"string"}}}""";
        JsonNode a = doc(pathUsing("/api/a", "Money") + ",\"components\":{\"schemas\":{" + money + "}}}");
        // Same schema, its properties written in another order: still the same schema.
        JsonNode b = doc(pathUsing("/api/b", "Money") + """
                ,"components":{"schemas":{"Money":{"properties":{"currency":{"type":"string"},"amountMinor":{"type":"integer"}},"type":"object"}}}}""");

        ObjectNode merged = merge(a, b);

        assertEquals(List.of("Money"), fieldNames(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/Money", refOf(merged, "/api/b"));
    }

    @Test
    void shouldRenameADifferentSchemaOfTheSameNameAndRewriteItsSourcesRefs() {
        JsonNode a = doc(pathUsing("/api/a", "Status") + """
                ,"components":{"schemas":{"Status":{"type":"string","enum":["OPEN","CLOSED"]}}}}""");
        JsonNode b = doc(pathUsing("/api/b", "Status") + """
                ,"components":{"schemas":{"Status":{"type":"string","enum":["PAID"]}}}}""");

        ObjectNode merged = merge(a, b);

        assertEquals(List.of("Status", "b_Status"), fieldNames(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/Status", refOf(merged, "/api/a"), "the first to bring a name keeps it");
        assertEquals("#/components/schemas/b_Status", refOf(merged, "/api/b"));
        assertEquals("PAID", merged.at("/components/schemas/b_Status/enum/0").asText());
    }

    @Test
    void shouldRenameASchemaThatDiffersOnlyThroughARenamedOneItUses() {
        // Both Job schemas read the same, but each Status is its own: b's Job must point to b's Status.
        String job = "\"Job\":{\"type\":\"object\",\"properties\":{\"status\":{\"$ref\":\"#/components/schemas/Status\"}}}";
        JsonNode a = doc(pathUsing("/api/a", "Job") + ",\"components\":{\"schemas\":{" + job
                + ",\"Status\":{\"type\":\"string\",\"enum\":[\"OPEN\"]}}}}");
        JsonNode b = doc(pathUsing("/api/b", "Job") + ",\"components\":{\"schemas\":{" + job
                + ",\"Status\":{\"type\":\"string\",\"enum\":[\"PAID\"]}}}}");

        ObjectNode merged = merge(a, b);

        assertEquals("#/components/schemas/b_Job", refOf(merged, "/api/b"));
        assertEquals("#/components/schemas/b_Status", merged.at("/components/schemas/b_Job/properties/status/$ref").asText());
        assertEquals("#/components/schemas/Status", merged.at("/components/schemas/Job/properties/status/$ref").asText());
    }

    @Test
    void shouldRewriteRefsInsideArraysAndNestedSchemasOfTheRenamedSource() {
        JsonNode a = doc(pathUsing("/api/a", "Item") + """
                ,"components":{"schemas":{"Item":{"type":"string"}}}}""");
        JsonNode b = doc("""
                {"paths":{"/api/b":{"post":{
                  "requestBody":{"content":{"application/json":{"schema":{"type":"array","items":{"$ref":"#/components/schemas/Item"}}}}},
                  "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{
                    "oneOf":[{"$ref":"#/components/schemas/Item"},{"type":"null"}]}}}}}}}},
                 "components":{"schemas":{"Item":{"type":"integer"}}}}""");

        ObjectNode merged = merge(a, b);

        assertEquals("#/components/schemas/b_Item",
                merged.at("/paths/~1api~1b/post/requestBody/content/application~1json/schema/items/$ref").asText());
        assertEquals("#/components/schemas/b_Item",
                merged.at("/paths/~1api~1b/post/responses/200/content/application~1json/schema/oneOf/0/$ref").asText());
    }

    @Test
    void shouldCarryOnlyTheComponentsThePublicPathsReach() {
        JsonNode b = doc("""
                {"paths":{
                  "/api/b":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Outer"}}}}}}},
                  "/internal":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Secret"}}}}}}}},
                 "components":{"schemas":{
                   "Outer":{"type":"object","properties":{"inner":{"$ref":"#/components/schemas/Inner"}}},
                   "Inner":{"type":"string"},
                   "Secret":{"type":"string"}}}}""");

        ObjectNode merged = OpenApiMerge.merge("t", "1", List.of(new Source("b", p -> p.startsWith("/api/"), b)), List.of());

        assertEquals(List.of("Outer", "Inner"), fieldNames(merged.at("/components/schemas")));
        assertFalse(merged.at("/paths").has("/internal"));
    }

    @Test
    void shouldMergeSecuritySchemesAndPushADocumentWideRequirementOntoTheOperations() {
        String jwt = "\"SecurityScheme\":{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}";
        JsonNode a = doc("""
                {"paths":{"/api/a":{"get":{"security":[{"SecurityScheme":[]}],"responses":{"200":{"description":"ok"}}}}},
                 "components":{"securitySchemes":{""" + jwt + "}}}");
        JsonNode b = doc("""
                {"security":[{"SecurityScheme":[]}],
                 "paths":{"/api/b":{"get":{"responses":{"200":{"description":"ok"}}}},
                          "/api/b/open":{"get":{"security":[],"responses":{"200":{"description":"ok"}}}}},
                 "components":{"securitySchemes":{""" + jwt + "}}}");

        ObjectNode merged = merge(a, b);

        assertEquals(List.of("SecurityScheme"), fieldNames(merged.at("/components/securitySchemes")));
        assertTrue(merged.at("/paths/~1api~1b/get/security/0").has("SecurityScheme"), "document-wide security moved onto the operation");
        assertEquals(0, merged.at("/paths/~1api~1b~1open/get/security").size(), "an operation's own (empty) requirement stays");
        assertFalse(merged.has("security"));
    }

    @Test
    void shouldRenameACollidingSecuritySchemeInTheRequirementsToo() {
        JsonNode a = doc("""
                {"paths":{"/api/a":{"get":{"security":[{"auth":[]}],"responses":{"200":{"description":"ok"}}}}},
                 "components":{"securitySchemes":{"auth":{"type":"http","scheme":"bearer"}}}}""");
        JsonNode b = doc("""
                {"paths":{"/api/b":{"get":{"security":[{"auth":[]}],"responses":{"200":{"description":"ok"}}}}},
                 "components":{"securitySchemes":{"auth":{"type":"apiKey","in":"header","name":"X-Key"}}}}""");

        ObjectNode merged = merge(a, b);

        assertEquals(List.of("auth", "b_auth"), fieldNames(merged.at("/components/securitySchemes")));
        assertTrue(merged.at("/paths/~1api~1b/get/security/0").has("b_auth"));
        assertTrue(merged.at("/paths/~1api~1a/get/security/0").has("auth"));
    }

    @Test
    void shouldKeepTheTagsOfKeptOperationsOnce() {
        JsonNode a = doc("""
                {"paths":{"/api/a":{"get":{"tags":["Jobs"],"responses":{"200":{"description":"ok"}}}}},
                 "tags":[{"name":"Jobs"},{"name":"Internal"}]}""");
        JsonNode b = doc("""
                {"paths":{"/api/b":{"get":{"tags":["Jobs"],"responses":{"200":{"description":"ok"}}}}},
                 "tags":[{"name":"Jobs"}]}""");

        ObjectNode merged = merge(a, b);

        assertEquals(1, merged.get("tags").size());
        assertEquals("Jobs", merged.at("/tags/0/name").asText());
    }

    private static ObjectNode merge(JsonNode a, JsonNode b) {
        return OpenApiMerge.merge("t", "1", List.of(
                new Source("a", p -> p.startsWith("/api/a"), a),
                new Source("b", p -> p.startsWith("/api/b"), b)), List.of());
    }

    private static String pathUsing(String path, String schema) {
        return "{\"paths\":{\"" + path + "\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":"
                + "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/" + schema + "\"}}}}}}}}";
    }

    private static String refOf(JsonNode merged, String path) {
        return merged.at("/paths/" + path.replace("/", "~1") + "/get/responses/200/content/application~1json/schema/$ref").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode doc(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
