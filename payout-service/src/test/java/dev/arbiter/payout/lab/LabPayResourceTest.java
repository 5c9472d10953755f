package dev.arbiter.payout.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.payout.support.SeededPay;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lab sees its own organization's balance and jobs; never another's; an admin names the organization. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class LabPayResourceTest {

    static final String LABS_ME = "/api/payouts/labs/me";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Ledger ledger;

    @Test
    void shouldShowALabItsOwnBalanceAndJobsOnly() throws Throwable {
        PayoutTestData data = new PayoutTestData(dataSource);
        SeededPay seeded = new SeededPay(data, ledger);
        UUID labA = data.knownOrganization();
        UUID labB = data.knownOrganization();
        SeededPay.Job job = seeded.job(labA, 300_000, 200_000, 6_000, "A's job");
        seeded.job(labB, 50_000, 10_000, 6_000, "B's job");
        UUID expert = seeded.expert();
        seeded.line(expert, job, LocalDate.now(ZoneOffset.UTC), 3_600, 3_600, 10_000, "PAYABLE");   // 60.00
        seeded.line(expert, job, LocalDate.now(ZoneOffset.UTC), 1_800, 1_800, 10_000, "PENDING");   // 30.00

        String memberOfA = TestJwt.lab(UUID.randomUUID(), labA);
        given().auth().oauth2(memberOfA).get(LABS_ME).then().statusCode(200)
                .body("organizationId", equalTo(labA.toString()))
                .body("balance.amountMinor", equalTo(100_000)).body("balance.currency", equalTo("USD"))
                .body("jobs.size()", equalTo(1))
                .body("jobs[0].jobId", equalTo(job.id().toString())).body("jobs[0].title", equalTo("A's job"))
                .body("jobs[0].budget.amountMinor", equalTo(200_000))
                .body("jobs[0].reserved.amountMinor", equalTo(191_000))
                .body("jobs[0].spent.amountMinor", equalTo(9_000))
                .body("jobs[0].remaining.amountMinor", equalTo(191_000))
                .body("jobs[0].exhausted", equalTo(false));
        given().auth().oauth2(memberOfA).queryParam("organizationId", labA).get(LABS_ME).then().statusCode(200);
        given().auth().oauth2(memberOfA).queryParam("organizationId", labB).get(LABS_ME).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), labB)).get(LABS_ME).then().statusCode(200)
                .body("balance.amountMinor", equalTo(40_000)).body("jobs.size()", equalTo(1))
                .body("jobs[0].title", equalTo("B's job"));

        String admin = TestJwt.admin(UUID.randomUUID());
        given().auth().oauth2(admin).queryParam("organizationId", labA).get(LABS_ME).then().statusCode(200)
                .body("jobs[0].spent.amountMinor", equalTo(9_000));
        given().auth().oauth2(admin).get(LABS_ME).then().statusCode(400).body("violations[0].field", equalTo("organizationId"));
        given().auth().oauth2(admin).queryParam("organizationId", "nope").get(LABS_ME).then().statusCode(400);
        given().auth().oauth2(admin).queryParam("organizationId", UUID.randomUUID()).get(LABS_ME).then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(expert)).get(LABS_ME).then().statusCode(403);
    }
}
