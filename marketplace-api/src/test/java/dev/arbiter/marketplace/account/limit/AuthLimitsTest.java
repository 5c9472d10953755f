package dev.arbiter.marketplace.account.limit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each limit of the accounts API reached and waited out, with the small limits of {@link SmallLimitsProfile}.
 * Requests come from distinct loopback addresses (127.0.0.x, bound as the client's local address), so each
 * scenario has addresses of its own, as clients in different places would.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class AuthLimitsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger REGISTRATION_ADDRESS = new AtomicInteger(1);

    static RequestSpecification from(String address) {
        return FromAddress.from(address);
    }

    /** An expert account, registered from an address of its own (so registrations never reach their limit here). */
    static String registerExpert() {
        String email = "limits-" + UUID.randomUUID() + "@example.org";
        from("127.0.1." + REGISTRATION_ADDRESS.getAndIncrement())
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Owner", "role", "EXPERT"))
                .post("/api/auth/register").then().statusCode(201);
        return email;
    }

    static ExtractableResponse<Response> login(String address, String email, String password) {
        return from(address).body(Map.of("email", email, "password", password)).post("/api/auth/login").then().extract();
    }

    static void assertLimited(ExtractableResponse<Response> response, String limit) {
        assertEquals(429, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType());
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        assertEquals(limit, response.path("limit"));
        assertEquals(retryAfter, (Integer) response.path("retryAfterSeconds"));
    }

    @Test
    void shouldLimitSignInAttemptsPerAddress() {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login("127.0.0.21", "nobody-" + UUID.randomUUID() + "@example.org", "wrong password").statusCode());
        }
        assertLimited(login("127.0.0.21", "nobody-" + UUID.randomUUID() + "@example.org", "wrong password"), "login-per-address");
        // the web app's sign-in counts on the same bucket
        assertLimited(from("127.0.0.21").body(Map.of("email", "x@example.org", "password", "wrong password"))
                .post("/api/auth/session").then().extract(), "login-per-address");
        // another address is not concerned
        assertEquals(401, login("127.0.0.31", "nobody@example.org", "wrong password").statusCode());
    }

    @Test
    void shouldLimitRegistrationsPerAddress() {
        for (int i = 0; i < 3; i++) {
            from("127.0.0.22").body(Map.of("email", "reg-" + UUID.randomUUID() + "@example.org", "password", PASSWORD,
                    "displayName", "New", "role", "EXPERT")).post("/api/auth/register").then().statusCode(201);
        }
        assertLimited(from("127.0.0.22").body(Map.of("email", "reg-" + UUID.randomUUID() + "@example.org",
                "password", PASSWORD, "displayName", "New", "role", "EXPERT")).post("/api/auth/register").then().extract(),
                "registration-per-address");
    }

    @Test
    void shouldLimitRefreshesAndSignOutsPerAddressOnEveryTokenEndpoint() {
        for (int i = 0; i < 10; i++) {
            from("127.0.0.23").body(Map.of("refreshToken", "not-a-token-" + i)).post("/api/auth/refresh").then()
                    .statusCode(401);
        }
        assertLimited(from("127.0.0.23").body(Map.of("refreshToken", "another")).post("/api/auth/refresh").then().extract(),
                "refresh-per-address");
        assertLimited(from("127.0.0.23").body(Map.of("refreshToken", "another")).post("/api/auth/logout").then().extract(),
                "refresh-per-address");
        assertLimited(from("127.0.0.23").header("X-Requested-With", "arbiter-web").cookie("arbiter_refresh", "x")
                .post("/api/auth/session/refresh").then().extract(), "refresh-per-address");
        assertLimited(from("127.0.0.23").header("X-Requested-With", "arbiter-web").cookie("arbiter_refresh", "x")
                .delete("/api/auth/session").then().extract(), "refresh-per-address");
    }

    @Test
    void shouldBackOffAFloodFromOneAddressWithoutLockingTheOwnerOutElsewhereOrForever() {
        String email = registerExpert();
        // two free failures, then the third imposes a wait (3 s in this profile)
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("127.0.0.24", email, "a guess " + i).statusCode());
        }
        ExtractableResponse<Response> flooded = login("127.0.0.24", email, "another guess");
        assertLimited(flooded, "login-failures");
        assertTrue(flooded.<String>path("detail").contains("failed sign-ins"), flooded.<String>path("detail"));

        // the owner, elsewhere, is not held up at all
        assertEquals(200, login("127.0.0.25", email, PASSWORD).statusCode());

        // and at the flooded address, once the back-off has passed, the right password signs in
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700))
                .until(() -> login("127.0.0.24", email, PASSWORD).statusCode() == 200);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30);
    }

    @Test
    void shouldBackOffGuessesSpreadOverManyAddressesOnlyUpToAShortMaximum() {
        String email = registerExpert();
        // three addresses, two failures each: each within its free ones, six for the account (five are free)
        for (String address : new String[] {"127.0.0.26", "127.0.0.27", "127.0.0.28"}) {
            for (int i = 0; i < 2; i++) {
                assertEquals(401, login(address, email, "a guess " + i).statusCode());
            }
        }
        assertLimited(login("127.0.0.29", email, PASSWORD), "login-failures-account");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700))
                .until(() -> login("127.0.0.29", email, PASSWORD).statusCode() == 200);
    }

    @Test
    void shouldEndASignInAtItsAbsoluteLifetimeHoweverOftenItIsRotated() {
        String email = registerExpert();
        long signedIn = System.nanoTime();
        AtomicReference<String> current = new AtomicReference<>(login("127.0.0.30", email, PASSWORD).path("refreshToken"));
        AtomicInteger rotations = new AtomicInteger();

        // rotate about once a second until the family's 5 s are over
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ExtractableResponse<Response> refreshed = from("127.0.0.30").body(Map.of("refreshToken", current.get()))
                    .post("/api/auth/refresh").then().extract();
            if (refreshed.statusCode() == 200) {
                current.set(refreshed.path("refreshToken"));
                rotations.incrementAndGet();
                return false;
            }
            assertEquals(401, refreshed.statusCode(), refreshed.asString());
            return true;
        });
        long seconds = Duration.ofNanos(System.nanoTime() - signedIn).toSeconds();
        assertTrue(rotations.get() >= 1, "rotated " + rotations.get() + " times before the end");
        assertTrue(seconds >= 4 && seconds < 40, "the sign-in ended after " + seconds + " s");
        // a new sign-in starts a new lifetime
        from("127.0.0.30").body(Map.of("refreshToken", login("127.0.0.30", email, PASSWORD).<String>path("refreshToken")))
                .post("/api/auth/refresh").then().statusCode(200).body("refreshToken", notNullValue());
    }

    @Test
    void shouldNeverTrustAClientsForwardedForHeader() {
        for (int i = 0; i < 10; i++) {
            from("127.0.0.32").header("X-Forwarded-For", "10.0.0." + i)
                    .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org", "password", "wrong password"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        from("127.0.0.32").header("X-Forwarded-For", "10.9.9.9")
                .body(Map.of("email", "nobody@example.org", "password", "wrong password"))
                .post("/api/auth/login").then().statusCode(429).body("limit", equalTo("login-per-address"))
                .body("detail", containsString("sign-in attempts from this address"));
    }
}
