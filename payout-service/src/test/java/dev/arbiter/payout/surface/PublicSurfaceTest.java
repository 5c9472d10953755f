package dev.arbiter.payout.surface;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.ManagementPort;
import dev.arbiter.testsupport.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the public port serves: the API (each method saying who may call it) and its OpenAPI document; nothing else. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class PublicSurfaceTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void shouldRefuseAnEndpointThatSaysNothingOfWhoMayCallIt() {
        given().get("/api/payouts/test-only/unannotated").then().statusCode(401)
                .body(not(equalTo("served to anyone")));
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get("/api/payouts/test-only/unannotated").then()
                .statusCode(403).body(not(equalTo("served to anyone")));
    }

    @Test
    void shouldKeepHealthAndMetricsOffThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);

        given().get(ManagementPort.url(management, "/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ManagementPort.url(management, "/q/metrics")).then().statusCode(200);
    }
}
