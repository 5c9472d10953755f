package dev.arbiter.marketplace.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.marketplace.account.limit.FromAddress;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class AuthResourceTest {

    @Inject
    AgroalDataSource db;

    static final String PROBLEM = "application/problem+json";

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@example.org";
    }

    static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/register").then();
    }

    static String registerExpert(String email) {
        return register(Map.of("email", email, "password", "correct horse battery", "displayName", "Dr. Expert",
                "role", "EXPERT")).statusCode(201).extract().path("id");
    }

    static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then();
    }

    @Test
    void shouldRegisterAnExpertAndAnnounceItOnKafka() {
        String email = uniqueEmail("expert");
        String id = register(Map.of("email", email, "password", "correct horse battery", "displayName", "Dr. Ada",
                "role", "EXPERT"))
                .statusCode(201)
                .header("Location", containsString("/api/me"))
                .body("id", notNullValue())
                .extract().path("id");

        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            EventEnvelope event = kafka.awaitEnvelope("marketplace.accounts.v1",
                    e -> e.getAggregateId().equals(id), Duration.ofSeconds(30));
            assertEquals(EventEnvelope.PayloadCase.EXPERT_REGISTERED, event.getPayloadCase());
            assertEquals(email, event.getExpertRegistered().getEmail());
            assertEquals("Dr. Ada", event.getExpertRegistered().getDisplayName());
            assertEquals("marketplace-api", event.getProducer());
        }
    }

    @Test
    void shouldLoginAndShowTheCallerThemself() {
        String email = uniqueEmail("me");
        String id = registerExpert(email);
        String token = login(email.toUpperCase(), "correct horse battery").statusCode(200)
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue())
                .extract().path("accessToken");

        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("displayName", equalTo("Dr. Expert"))
                .body("roles", hasItem("EXPERT"))
                .body("organizationId", nullValue())
                .body("qualifications.size()", equalTo(0));
    }

    @Test
    void shouldRefuseADuplicateEmailWhateverItsCase() {
        String email = uniqueEmail("dup");
        registerExpert(email);
        register(Map.of("email", email.toUpperCase(), "password", "another good password", "displayName", "Copy",
                "role", "EXPERT"))
                .statusCode(409).contentType(PROBLEM)
                .body("status", equalTo(409))
                .body("type", startsWith("https://arbiter.dev/problems/"))
                .body("detail", containsString("already exists"));
    }

    @Test
    void shouldNameEveryInvalidFieldOnRegistration() {
        register(Map.of("email", "not-an-email", "password", "short", "displayName", "X", "role", "EXPERT"))
                .statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("password"))
                .body("detail", containsString("email"));
    }

    @Test
    void shouldRefuseSelfRegistrationAsAdmin() {
        register(Map.of("email", uniqueEmail("sneaky"), "password", "correct horse battery", "displayName", "Eve",
                "role", "ADMIN"))
                .statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("role"))
                .body("violations[0].message", equalTo("must be one of EXPERT, LAB"));
    }

    @Test
    void shouldAnswerMalformedJsonWithA400Problem() {
        given().contentType(ContentType.JSON).body("{\"email\": \"a@b.org\", \"password\": ")
                .post("/api/auth/register").then()
                .statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed request body"))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() {
        String huge = "x".repeat(200_000);
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"big@example.org\",\"password\":\"" + huge + "\",\"displayName\":\"B\",\"role\":\"EXPERT\"}")
                .post("/api/auth/register").then()
                .statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413));
    }

    @Test
    void shouldAnswerAWrongPasswordOrUnknownEmailWith401AndNoHint() {
        String email = uniqueEmail("pw");
        registerExpert(email);
        String wrongPassword = login(email, "not the password at all").statusCode(401).contentType(PROBLEM)
                .extract().path("detail");
        String unknownEmail = login(uniqueEmail("nobody"), "not the password at all").statusCode(401).contentType(PROBLEM)
                .extract().path("detail");
        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void shouldRefuseMissingForgedAndExpiredTokensWith401() {
        UUID id = UUID.randomUUID();
        given().get("/api/me").then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestJwt.forged(id, Set.of("EXPERT"))).get("/api/me").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestJwt.expired(id, Set.of("EXPERT"))).get("/api/me").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not.a.jwt").get("/api/me").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseTheWrongRoleWith403() {
        String email = uniqueEmail("role");
        registerExpert(email);
        String token = login(email, "correct horse battery").extract().path("accessToken");
        given().auth().oauth2(token).post("/api/organizations/invitations").then()
                .statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldRotateRefreshTokensAndRevokeTheFamilyOnReuse() {
        String email = uniqueEmail("refresh");
        registerExpert(email);
        String first = login(email, "correct horse battery").extract().path("refreshToken");

        String second = given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/auth/refresh").then().statusCode(200)
                .body("accessToken", notNullValue())
                .extract().path("refreshToken");

        // The first token again: a replay. It fails, and so does everything descended from it.
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/auth/refresh").then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second))
                .post("/api/auth/refresh").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void shouldLetLabsFoundAnOrganizationAndJoinItOnlyByInvitation() {
        String founderEmail = uniqueEmail("founder");
        String orgName = "Lab " + UUID.randomUUID();
        register(Map.of("email", founderEmail, "password", "correct horse battery", "displayName", "Founder",
                "role", "LAB", "organization", orgName)).statusCode(201);
        String founderToken = login(founderEmail, "correct horse battery").extract().path("accessToken");
        String orgId = given().auth().oauth2(founderToken).get("/api/me").then().statusCode(200)
                .body("roles", hasItem("LAB"))
                .body("organizationName", equalTo(orgName))
                .extract().path("organizationId");

        // Naming an existing organization is not enough to join it.
        register(Map.of("email", uniqueEmail("intruder"), "password", "correct horse battery", "displayName", "Mallory",
                "role", "LAB", "organization", orgName.toUpperCase()))
                .statusCode(409).contentType(PROBLEM);

        String code = given().auth().oauth2(founderToken).post("/api/organizations/invitations").then()
                .statusCode(201).extract().path("code");
        String colleagueEmail = uniqueEmail("colleague");
        register(Map.of("email", colleagueEmail, "password", "correct horse battery", "displayName", "Colleague",
                "role", "LAB", "organization", orgName, "invitationCode", code)).statusCode(201);
        String colleagueToken = login(colleagueEmail, "correct horse battery").extract().path("accessToken");
        given().auth().oauth2(colleagueToken).get("/api/me").then().body("organizationId", equalTo(orgId));

        // An invitation works once.
        register(Map.of("email", uniqueEmail("second"), "password", "correct horse battery", "displayName", "Again",
                "role", "LAB", "organization", orgName, "invitationCode", code))
                .statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("invitationCode"))
                .body("violations[0].message", equalTo("must be an unused, unexpired code from a member of '" + orgName + "'"));

        // A code cannot found another organization.
        String unused = given().auth().oauth2(founderToken).post("/api/organizations/invitations").then()
                .statusCode(201).extract().path("code");
        register(Map.of("email", uniqueEmail("elsewhere"), "password", "correct horse battery", "displayName", "Else",
                "role", "LAB", "organization", "Lab " + UUID.randomUUID(), "invitationCode", unused))
                .statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("invitationCode"))
                .body("violations[0].message", startsWith("must be absent when founding an organization"));
    }

    @Test
    void shouldRequireAnOrganizationForLabMembers() {
        register(Map.of("email", uniqueEmail("lab"), "password", "correct horse battery", "displayName", "Lab",
                "role", "LAB"))
                .statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("organization"))
                .body("violations[0].message", equalTo("is required for role LAB"));
    }

    @Test
    void shouldRefuseAnOrganizationForExperts() {
        register(Map.of("email", uniqueEmail("solo"), "password", "correct horse battery", "displayName", "Solo",
                "role", "EXPERT", "organization", "Some Lab"))
                .statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("organization"))
                .body("violations[0].message", equalTo("must be absent for role EXPERT"));
    }

    @Test
    void shouldLetTheBootstrapAdminLogIn() {
        String token = login("admin@arbiter.local", "test-admin-password").statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("roles", hasItem("ADMIN"));
    }
    @Test
    void shouldLetALabOnboardTwentyPeopleFromOneOfficeAddressWithinAMinuteUnderTheDefaultLimits() {
        String office = "127.0.0.5";   // one address for all of them, as behind an office's NAT
        String founder = uniqueEmail("office-founder");
        String organization = "Office " + UUID.randomUUID();
        FromAddress.from(office).body(Map.of("email", founder, "password", "correct horse battery",
                "displayName", "Founder", "role", "LAB", "organization", organization)).post("/api/auth/register")
                .then().statusCode(201);
        String founderToken = FromAddress.from(office).body(Map.of("email", founder, "password", "correct horse battery"))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
        for (int i = 0; i < 19; i++) {
            String code = given().auth().oauth2(founderToken).post("/api/organizations/invitations").then()
                    .statusCode(201).extract().path("code");
            String email = uniqueEmail("colleague-" + i);
            FromAddress.from(office).body(Map.of("email", email, "password", "correct horse battery",
                    "displayName", "Colleague " + i, "role", "LAB", "organization", organization, "invitationCode", code))
                    .post("/api/auth/register").then().statusCode(201);
            // and each signs in at once, one typo first
            FromAddress.from(office).body(Map.of("email", email, "password", "correct horse batery"))
                    .post("/api/auth/login").then().statusCode(401);
            FromAddress.from(office).body(Map.of("email", email, "password", "correct horse battery"))
                    .post("/api/auth/login").then().statusCode(200);
        }
    }

    @Test
    void shouldRevokeTheWholeFamilyOnLogoutWithAnyOfItsTokens() {
        String email = uniqueEmail("logout-family");
        registerExpert(email);
        String first = login(email, "correct horse battery").statusCode(200).extract().path("refreshToken");
        String second = given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/auth/refresh").then().statusCode(200).extract().path("refreshToken");
        String otherSignIn = login(email, "correct horse battery").statusCode(200).extract().path("refreshToken");

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second)).post("/api/auth/logout")
                .then().statusCode(204);

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second))
                .post("/api/auth/refresh").then().statusCode(401).contentType(PROBLEM);
        // another sign-in of the same account is another family: it goes on
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", otherSignIn))
                .post("/api/auth/refresh").then().statusCode(200);
        // an unknown token signs nobody out and is no error
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "never-issued")).post("/api/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void shouldAnswer401NotA500WhenTheAccountOfARefreshTokenWasRemoved() throws Exception {
        String email = uniqueEmail("removed");
        String id = registerExpert(email);
        String refreshToken = login(email, "correct horse battery").statusCode(200).extract().path("refreshToken");

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from account where id = ?::uuid")) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseSignInAndRefreshForADisabledAccount() throws Exception {
        String email = uniqueEmail("disabled");
        String id = registerExpert(email);
        String refreshToken = login(email, "correct horse battery").statusCode(200).extract().path("refreshToken");

        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update account set disabled_at = now() where id = ?::uuid")) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh").then().statusCode(401).contentType(PROBLEM)
                .body("detail", containsString("disabled"));
        login(email, "correct horse battery").statusCode(403).contentType(PROBLEM).body("detail", containsString("disabled"));
        // a wrong password still says nothing more than for anyone else
        login(email, "not the password at all").statusCode(401);
    }

    @Test
    void shouldNeverIssueARefreshTokenThatOutlivesItsSignIn() throws Exception {
        String email = uniqueEmail("lifetime");
        registerExpert(email);
        String first = login(email, "correct horse battery").statusCode(200).extract().path("refreshToken");
        String second = given().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/auth/refresh").then().statusCode(200).extract().path("refreshToken");

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select t.family_expires_at, f.family_expires_at, t.expires_at, f.created_at from refresh_token t "
                        + "join refresh_token f on f.family_id = t.family_id and f.token_hash = ? where t.token_hash = ?")) {
            ps.setString(1, sha256(first));
            ps.setString(2, sha256(second));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                Instant family = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                assertEquals(rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), family, "rotation keeps the family's end");
                Instant started = rs.getObject(4, java.time.OffsetDateTime.class).toInstant();
                assertEquals(Duration.ofDays(30), Duration.between(started, family), "30 days from the sign-in by default");
                assertFalse(rs.getObject(3, java.time.OffsetDateTime.class).toInstant().isAfter(family));
            }
        }
    }

    static String sha256(String code) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
