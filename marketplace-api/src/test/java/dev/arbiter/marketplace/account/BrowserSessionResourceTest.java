package dev.arbiter.marketplace.account;

import static dev.arbiter.marketplace.account.AuthResourceTest.registerExpert;
import static dev.arbiter.marketplace.account.AuthResourceTest.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web app's sign-in: the refresh token only ever in an HttpOnly, SameSite=Strict cookie. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class BrowserSessionResourceTest {

    static final String PASSWORD = "correct horse battery";
    static final String COOKIE = "arbiter_refresh";

    static Response signIn(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/session");
    }

    static Response refresh(String cookie) {
        return given().header("X-Requested-With", "arbiter-web").cookie(COOKIE, cookie).post("/api/auth/session/refresh");
    }

    @Test
    void shouldSignInWithTheRefreshTokenInAnHttpOnlyStrictCookieAndNeverInTheBody() {
        String email = uniqueEmail("browser");
        registerExpert(email);
        Response response = signIn(email);
        response.then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("expiresIn", equalTo(900))
                .body("refreshToken", equalTo(null))
                .header("Cache-Control", "no-store");
        String setCookie = response.header("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("; Path=/api/auth/session"), setCookie);
        assertTrue(setCookie.contains("; Max-Age=1209600"), setCookie);
        // plain HTTP: a Secure cookie would never come back, so it is not marked Secure
        assertFalse(setCookie.contains("Secure"), setCookie);

        given().auth().oauth2(response.path("accessToken")).get("/api/me").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void shouldNotBelieveAClientThatSaysItCameOverTls() {
        String email = uniqueEmail("forwarded");
        registerExpert(email);
        String setCookie = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https")
                .header("Forwarded", "proto=https").body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/session").then().statusCode(200).extract().header("Set-Cookie");
        assertFalse(setCookie.contains("Secure"), setCookie);
    }

    @Test
    void shouldRotateTheCookieOnRefreshAndRevokeTheFamilyWhenAnOldOneComesBack() {
        String email = uniqueEmail("rotate");
        registerExpert(email);
        String first = signIn(email).then().statusCode(200).extract().cookie(COOKIE);

        Response renewed = refresh(first);
        renewed.then().statusCode(200).body("accessToken", notNullValue()).body("refreshToken", equalTo(null));
        String second = renewed.cookie(COOKIE);
        assertNotEquals(first, second);
        assertTrue(renewed.header("Set-Cookie").contains("HttpOnly"));
        given().auth().oauth2(renewed.path("accessToken")).get("/api/me").then().statusCode(200);

        // the spent cookie again: a leak, so the whole family dies, the newest cookie included
        refresh(first).then().statusCode(401).contentType("application/problem+json");
        refresh(second).then().statusCode(401);
    }

    @Test
    void shouldRefuseARefreshWithoutTheWebAppsHeader() {
        String email = uniqueEmail("csrf");
        registerExpert(email);
        String cookie = signIn(email).cookie(COOKIE);
        given().cookie(COOKIE, cookie).post("/api/auth/session/refresh").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-Requested-With", "XMLHttpRequest").cookie(COOKIE, cookie).post("/api/auth/session/refresh")
                .then().statusCode(403);
        given().cookie(COOKIE, cookie).delete("/api/auth/session").then().statusCode(403);
        // the refused attempts spent nothing: the cookie still works
        refresh(cookie).then().statusCode(200);
    }

    @Test
    void shouldAnswer401WithoutACookie() {
        given().header("X-Requested-With", "arbiter-web").post("/api/auth/session/refresh").then().statusCode(401)
                .contentType("application/problem+json");
        refresh("not-a-token-we-issued").then().statusCode(401);
    }

    @Test
    void shouldSignOutClearingTheCookieAndRevokingItsFamily() {
        String email = uniqueEmail("signout");
        registerExpert(email);
        String cookie = signIn(email).cookie(COOKIE);
        String rotated = refresh(cookie).cookie(COOKIE);

        Response out = given().header("X-Requested-With", "arbiter-web").cookie(COOKIE, rotated).delete("/api/auth/session");
        out.then().statusCode(204);
        String cleared = out.header("Set-Cookie");
        assertTrue(cleared.startsWith(COOKIE + "=;"), cleared);
        assertTrue(cleared.contains("Max-Age=0"), cleared);
        assertTrue(cleared.contains("HttpOnly") && cleared.contains("SameSite=Strict"), cleared);

        refresh(rotated).then().statusCode(401);
        // signing out without a cookie (already signed out) is no error
        given().header("X-Requested-With", "arbiter-web").delete("/api/auth/session").then().statusCode(204);
    }

    @Test
    void shouldRefuseBadCredentialsAndBadBodiesAsProblems() {
        given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail("nobody"), "password", PASSWORD))
                .post("/api/auth/session").then().statusCode(401).contentType("application/problem+json")
                .header("Set-Cookie", equalTo(null));
        given().contentType(ContentType.JSON).body(Map.of("email", "")).post("/api/auth/session").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", not(equalTo(null)));
    }

    @Test
    void shouldLogOutAScriptClientByItsRefreshToken() {
        String email = uniqueEmail("logout");
        registerExpert(email);
        String refreshToken = AuthResourceTest.login(email, PASSWORD).statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/logout")
                .then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh")
                .then().statusCode(401);
    }
}
