package dev.arbiter.marketplace.account;

import static dev.arbiter.marketplace.account.AuthResourceTest.login;
import static dev.arbiter.marketplace.account.AuthResourceTest.registerExpert;
import static dev.arbiter.marketplace.account.AuthResourceTest.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.testsupport.ArbiterInfraResource;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An admin creates a second admin (the rules that need two admins need this), audited; nobody else may. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
class AdminAccountResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource db;

    static String bootstrapAdmin() {
        return login("admin@arbiter.local", "test-admin-password").statusCode(200).extract().path("accessToken");
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/admin/accounts").then();
    }

    @Test
    void shouldLetAnAdminCreateAnotherAdminWhoCanLogInAndAuditIt() {
        String admin = bootstrapAdmin();
        String adminId = given().auth().oauth2(admin).get("/api/me").then().statusCode(200).extract().path("id");
        String email = uniqueEmail("Second.Admin");
        String id = create(admin, Map.of("email", email, "password", "two admins needed", "displayName", "Second Admin"))
                .statusCode(201).body("id", notNullValue()).extract().path("id");

        String second = login(email.toUpperCase(), "two admins needed").statusCode(200).extract().path("accessToken");
        given().auth().oauth2(second).get("/api/me").then().statusCode(200).body("id", equalTo(id))
                .body("roles", hasItem("ADMIN")).body("email", equalTo(email.toLowerCase()));
        assertEquals(List.of(List.of("ADMIN_CREATED", adminId, id)), rows(
                "select action, actor_id::text, subject_id::text from account_audit where subject_id = ?::uuid", id));

        // the second admin can create a third in turn
        create(second, Map.of("email", uniqueEmail("third"), "password", "three admins now", "displayName", "Third"))
                .statusCode(201);
        // the audit trail is append-only
        assertThrows(IllegalStateException.class, () -> rows("delete from account_audit where subject_id = ?::uuid returning id", id));
    }

    @Test
    void shouldRefuseATakenEmailInAnyCase() {
        String email = uniqueEmail("taken");
        registerExpert(email);
        long before = count();
        create(bootstrapAdmin(), Map.of("email", email.toUpperCase(), "password", "long enough pw", "displayName", "Dup"))
                .statusCode(409).contentType(PROBLEM).body("type", endsWith("/email-taken"));
        assertEquals(before, count());
    }

    @Test
    void shouldRefuseBadInputNamingTheFields() {
        long before = count();
        create(bootstrapAdmin(), Map.of("email", "not-an-email", "password", "short", "displayName", " "))
                .statusCode(400).contentType(PROBLEM).body("type", endsWith("/validation"))
                .body("violations.field", hasItem("email")).body("violations.field", hasItem("password"))
                .body("violations.field", hasItem("displayName"))
                .body("violations.find { it.field == 'password' }.message", equalTo("must be between 10 and 128 characters"));
        assertEquals(before, count());
    }

    @Test
    void shouldRefuseEveryoneButAdmins() {
        long before = count();
        Map<String, Object> body = Map.of("email", uniqueEmail("x"), "password", "long enough pw", "displayName", "X");
        String expertEmail = uniqueEmail("expert");
        registerExpert(expertEmail);
        String expert = login(expertEmail, "correct horse battery").statusCode(200).extract().path("accessToken");
        create(expert, body).statusCode(403).contentType(PROBLEM);
        create(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID()), body).statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/api/admin/accounts").then().statusCode(401);
        // a token with the role but no admin account behind it (deleted, or never one) creates nothing
        create(TestJwt.admin(UUID.randomUUID()), body).statusCode(403).contentType(PROBLEM);
        assertEquals(before, count());
    }

    long count() {
        return ((Number) rows("select count(*) from account where role = 'ADMIN'").get(0).get(0)).longValue();
    }

    List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
