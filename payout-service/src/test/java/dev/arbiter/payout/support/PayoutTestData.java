package dev.arbiter.payout.support;

import static io.restassured.RestAssured.given;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.accounts.v1.LabMemberRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/** What payout-service tests share: announcing experts and organizations over Kafka, funding, reading the database. */
public final class PayoutTestData {

    public static final String ACCOUNTS = "marketplace.accounts.v1";
    public static final String TASKS = "tasks.events.v1";
    public static final String PAYOUTS = "payouts.events.v1";

    private final AgroalDataSource dataSource;

    public PayoutTestData(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static EventEnvelope expertRegistered(UUID expertId) {
        return KafkaTestClient.envelope("marketplace-api", expertId.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expertId.toString())
                        .setEmail(expertId + "@example.org").setDisplayName("Expert " + expertId))
                .build();
    }

    /** Announces a lab member of a new organization and waits until the organization is known (fundable). */
    public UUID knownOrganization() {
        UUID organization = UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(ACCOUNTS, KafkaTestClient.envelope("marketplace-api", UUID.randomUUID().toString())
                    .setLabMemberRegistered(LabMemberRegistered.newBuilder().setAccountId(UUID.randomUUID().toString())
                            .setOrganizationId(organization.toString()).setOrganizationName("Lab " + organization)
                            .setEmail("lab@example.org").setDisplayName("Lab member"))
                    .build());
        }
        await(() -> count("select count(*) from organization where id = ?::uuid", organization.toString()) == 1);
        return organization;
    }

    /** Funds the organization as an admin (201 expected). */
    public void fund(UUID organization, long amountMinor) {
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(fundingBody(amountMinor, "USD", "wire " + amountMinor))
                .post("/api/admin/labs/" + organization + "/funding").then().statusCode(201);
    }

    public static String fundingBody(long amountMinor, String currency, String reference) {
        return "{\"amount\":{\"amountMinor\":" + amountMinor + ",\"currency\":\"" + currency + "\"},\"reference\":\"" + reference + "\"}";
    }

    public static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    public long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The stored balance of an account of this kind and owner (0 when it was never opened). */
    public long balance(String kind, UUID owner) throws Exception {
        String where = owner == null ? "expert_id is null and organization_id is null and job_id is null"
                : "coalesce(expert_id, organization_id, job_id) = '" + owner + "'::uuid";
        return count("select coalesce(sum(balance_minor), 0) from ledger_account where kind = ? and " + where, kind);
    }
}
