package dev.arbiter.marketplace.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app at the gateway's origin: its page, its client-side routes, its headers; the API untouched. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class WebAppServingTest {

    static void assertAppPage(Response page) {
        page.then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<arbiter-app>"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    @Test
    void shouldServeTheAppAtTheRootWithItsSecurityHeaders() {
        Response page = given().accept("text/html").get("/");
        assertAppPage(page);
        // the bundle is a file of this origin, never an inline script
        page.then().body(not(containsString("<script>")));
    }

    @Test
    void shouldAnswerClientSideRoutesWithTheAppsPage() {
        assertAppPage(given().accept("text/html").get("/workbench/6f1c0c8e-8c53-4a0a-9a55-0d1f7a1e2b3c"));
        assertAppPage(given().accept("text/html").get("/jobs"));
        assertAppPage(given().accept("text/html").get("/sign-in?next=%2Fjobs"));
    }

    @Test
    void shouldCacheHashedBundlesForAYear() {
        String page = given().get("/").asString();
        Matcher script = Pattern.compile("src=\"(/static/bundle/app-[A-Z0-9]+\\.js)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), page);
        given().get(script.group(1)).then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void shouldLeaveTheApiAndTheToolsAsTheyWere() {
        given().get("/api/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .header("Content-Security-Policy", equalTo(null));
        given().get("/openapi").then().statusCode(200).contentType(containsString("json"));
        given().get("/api/platform").then().statusCode(200).contentType(containsString("json"))
                .header("Content-Security-Policy", equalTo(null));
    }

    @Test
    void shouldStateThePlatformTermsTheAppShowsPayWith() {
        given().get("/api/platform").then().statusCode(200)
                .body("currency", equalTo("USD"))
                .body("payFloorPerHour.amountMinor", equalTo(2000))
                .body("payFloorPerHour.currency", equalTo("USD"))
                .body("tierMultipliers.'1'", equalTo(1.0f))
                .body("tierMultipliers.'2'", equalTo(1.25f))
                .body("idleThresholdSeconds", equalTo(120));
    }

    @Test
    void shouldLeaveAMissingFileA404() {
        given().get("/no-such-file.png").then().statusCode(404);
    }
}
