package dev.arbiter.payout.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** verify finds what the database's own guards would have refused, when something went around them. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class LedgerVerifyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldListAnAccountsEntriesWithTheirCauseAndNameACorruptedEntry() throws Exception {
        PayoutTestData data = new PayoutTestData(dataSource);
        UUID organization = data.knownOrganization();
        data.fund(organization, 4_000);
        String admin = TestJwt.admin(UUID.randomUUID());
        given().auth().oauth2(admin).get("/api/admin/ledger/verify").then().statusCode(200).body("balanced", equalTo(true));

        String account;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from ledger_account where organization_id = '" + organization + "'")) {
            rs.next();
            account = rs.getString(1);
        }
        given().auth().oauth2(admin).queryParam("limit", 10).get("/api/admin/ledger/accounts/" + account + "/entries").then()
                .statusCode(200).body("kind", equalTo("LAB_BALANCE")).body("balance.amountMinor", equalTo(4_000))
                .body("entries[0].transactionKind", equalTo("FUNDING")).body("entries[0].amount.amountMinor", equalTo(4_000));
        given().auth().oauth2(admin).queryParam("limit", 501).get("/api/admin/ledger/accounts/" + account + "/entries").then()
                .statusCode(400);
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), organization)).get("/api/admin/ledger/accounts/" + account + "/entries")
                .then().statusCode(403);

        // Around the triggers on purpose (replica mode fires none), as a broken restore or a hand edit would.
        corrupt(account, 4_500);
        try {
            given().auth().oauth2(admin).get("/api/admin/ledger/verify").then().statusCode(200)
                .body("balanced", equalTo(false))
                .body("discrepancies", hasItem(containsString("account " + account + " (LAB_BALANCE) stores 4000 but its entries sum to 4500")))
                .body("discrepancies", hasItem(containsString("is off by 500")));
        } finally {
            // The database is shared by every test class: put the entry back the same way.
            corrupt(account, 4_000);
        }
        given().auth().oauth2(admin).get("/api/admin/ledger/verify").then().statusCode(200).body("balanced", equalTo(true));
    }

    private void corrupt(String account, long amount) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local session_replication_role = replica");
            s.executeUpdate("update ledger_entry set amount_minor = " + amount + " where account_id = '" + account + "'");
            c.commit();
        }
    }
}
