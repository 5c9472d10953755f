package dev.arbiter.marketplace.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.marketplace.gateway.StandInUpstreams;
import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merged document against the gateway's stand-in upstreams (payout-service's is down). */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
@WithTestResource(StandInUpstreams.class)
class PublicApiResourceTest {

    @Test
    void shouldServeThisServicesPathsAndTheUpstreamsRoutedOnesOnly() {
        JsonPath doc = given().get("/openapi").then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("Arbiter public API"))
                .body("servers[0].url", equalTo("/"))
                .extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");

        // This service's own, from its own document (not the stand-in's claim to /api/me).
        assertTrue(paths.containsKey("/api/me"), paths.keySet().toString());
        assertTrue(paths.containsKey("/api/auth/login"));
        assertTrue(paths.containsKey("/api/domains"));
        assertFalse(doc.getString("paths.'/api/me'.get.responses.'200'.description").contains("owned by marketplace-api"));
        // The routed ones of each stand-in.
        assertTrue(paths.containsKey("/api/qualification/panel"));
        assertTrue(paths.containsKey("/api/jobs/{id}"));
        // Not what the gateway does not forward to them, nor the document's own path.
        for (String unrouted : List.of("/internal/tasks/replay", "/internal/qualification/replay",
                "/api/tasks-money", "/api/qualification-money", "/openapi")) {
            assertFalse(paths.containsKey(unrouted), unrouted);
        }
    }

    @Test
    void shouldMergeTheSameSchemaAndRenameADifferentOne() {
        JsonPath doc = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> schemas = doc.getMap("components.schemas");

        assertTrue(schemas.containsKey("Money"), schemas.keySet().toString());
        assertFalse(schemas.containsKey("task-service_Money"), "the same Money is merged");
        assertEquals(List.of("VALID", "REJECTED"), doc.getList("components.schemas.Status.enum"));
        assertEquals(List.of("OPEN", "DONE"), doc.getList("components.schemas.task-service_Status.enum"));
        assertEquals("#/components/schemas/task-service_Status",
                doc.getString("paths.'/api/jobs/{id}'.get.responses.'200'.content.'application/json'.schema.properties.status.$ref"));
        assertFalse(schemas.containsKey("InternalOnly"), "a schema only internal paths use stays out");
    }

    @Test
    void shouldNameTheUpstreamThatDidNotAnswer() {
        given().get("/openapi").then().statusCode(200)
                .body("x-arbiter-missing.size()", equalTo(1))
                .body("x-arbiter-missing[0].service", equalTo("payout-service"))
                .body("x-arbiter-missing[0].prefixes", equalTo(List.of("/api/payouts", "/api/admin/payouts", "/api/admin/ledger", "/api/admin/labs",
                        "/api/admin/events/payout-service")))
                .body("x-arbiter-missing[0].reason", equalTo("could not be reached"));
    }

    @Test
    void shouldAnswerYamlOnRequestAndRefuseAnUnknownFormat() {
        given().get("/openapi?format=yaml").then().statusCode(200).contentType(containsString("yaml"))
                .body(containsString("title: \"Arbiter public API\""));
        given().get("/openapi?format=xml").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"));
    }

    @Test
    void shouldOpenSwaggerUiOnTheMergedDocument() {
        // Not just the service's own /q/openapi (the default): the merged one, chosen first.
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(matchesRegex("(?s).*['\"]/openapi['\"].*"))
                .body(containsString("primaryName"));
    }
}
