package dev.arbiter.marketplace.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/platform} states the configured terms, not the defaults: the profile sets every one of them to
 * a value no default has, so a view that ignored the configuration would fail here.
 */
@QuarkusTest
@TestProfile(PlatformResourceTest.OtherTerms.class)
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class PlatformResourceTest {

    public static class OtherTerms implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.platform.currency", "EUR", "arbiter.platform.pay-floor-minor", "1750",
                    "arbiter.platform.tier-multipliers", "1.00,1.2,1.75,2", "arbiter.platform.minimum-payout-minor", "2500",
                    "arbiter.platform.idle-threshold-seconds", "90", "arbiter.platform.payable-after-days", "10");
        }
    }

    @Test
    void shouldStateTheConfiguredTermsToAnyoneWithoutAToken() {
        given().get("/api/platform").then().statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("payFloorPerHour.amountMinor", equalTo(1750)).body("payFloorPerHour.currency", equalTo("EUR"))
                .body("tierMultipliers.'1'", equalTo(1.0f)).body("tierMultipliers.'2'", equalTo(1.2f))
                .body("tierMultipliers.'3'", equalTo(1.75f)).body("tierMultipliers.'4'", equalTo(2.0f))
                .body("tierMultipliers", not(hasKey("5")))
                .body("minimumPayout.amountMinor", equalTo(2500)).body("minimumPayout.currency", equalTo("EUR"))
                .body("idleThresholdSeconds", equalTo(90)).body("payableAfterDays", equalTo(10));
    }

    @Test
    void shouldWriteMultipliersAsNumbersWithAtLeastOneDecimal() {
        String body = given().get("/api/platform").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"tierMultipliers\":{\"1\":1.0,\"2\":1.2,\"3\":1.75,\"4\":2.0}"),
                body);
    }

    @Test
    void shouldBeInTheGatewaysPublicDocument() {
        given().get("/openapi").then().statusCode(200).body("paths", hasKey("/api/platform"));
    }
}
