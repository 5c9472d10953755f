package dev.arbiter.marketplace.surface;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.fuzz.OpenApiFuzzer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every operation of marketplace-api's OpenAPI document, sent malformed requests by every kind of caller. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class FuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() {
        OpenApiFuzzer.against(base).assertRefusedWithoutWriting(dataSource);
    }

    /** Found by the fuzzer: a body with an invented field was read as if the field were not there (204). */
    @Test
    void shouldRefuseAFieldTheRequestDoesNotHaveNamingTheOnesItHas() {
        given().contentType(ContentType.JSON).body("{\"refreshToken\": \"r\", \"everywhere\": true}")
                .when().post("/api/auth/logout")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("everywhere"))
                .body("violations[0].message", containsString("refreshToken"));
    }
}
