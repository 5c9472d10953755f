package dev.arbiter.qualification.standing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.proto.tasks.v1.ExpertQualityMeasured;
import dev.arbiter.proto.tasks.v1.WorkSessionOpened;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** task-service reports quality facts over Kafka; qualification-service alone decides what they do to the tier. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification"))
class QualityMovesTest {

    static final UUID ADMIN = UUID.randomUUID();
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Test
    void shouldPromoteAndDemoteOnReportedQualityAnnouncingEachMoveWithTheNextVersion() {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            UUID expert = knownExpert(kafka);
            grantWhenKnown(expert, "finance", 2);

            kafka.publish("tasks.events.v1", measured("task-service", expert, "finance", 0.95, 10));
            ExpertQualified promoted = standingEvents(kafka, expert, 2).get(1);
            assertEquals(Tier.TIER_3, promoted.getTier());
            assertEquals(QualificationSource.QUALIFICATION_SOURCE_QUALITY, promoted.getSource());
            assertEquals(2, promoted.getVersion());

            // Only task-service's facts count, and only with enough judgments decided since the promotion
            // (9 here, 10 needed); the demotion behind them on the same key shows both were consumed.
            kafka.publish("tasks.events.v1", measured("marketplace-api", expert, "finance", 0.05, 90));
            kafka.publish("tasks.events.v1", measured("task-service", expert, "finance", 0.30, 19));
            kafka.publish("tasks.events.v1", measured("task-service", expert, "finance", 0.30, 20));
            List<ExpertQualified> events = standingEvents(kafka, expert, 3);
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(ExpertQualified::getVersion).toList());
            assertEquals(List.of(Tier.TIER_2, Tier.TIER_3, Tier.TIER_2), events.stream().map(ExpertQualified::getTier).toList());
            assertEquals(QualificationSource.QUALIFICATION_SOURCE_QUALITY, events.get(2).getSource());
        }
    }

    @Test
    void shouldAuditQualityMovesAsDecidedByTheRuleAndShowTheTierToTheExpert() {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            UUID expert = knownExpert(kafka);
            grantWhenKnown(expert, "law", 1);
            kafka.publish("tasks.events.v1", measured("task-service", expert, "law", 0.90, 12));
            standingEvents(kafka, expert, 2);
            given().auth().oauth2(TestJwt.admin(ADMIN)).get("/api/admin/qualifications/" + expert + "/audit").then()
                    .statusCode(200)
                    .body("size()", equalTo(2))
                    .body("[0].action", equalTo("PROMOTED"))
                    .body("[0].actorId", nullValue())
                    .body("[0].tier", equalTo(2))
                    .body("[1].action", equalTo("GRANT"));
            given().auth().oauth2(TestJwt.expert(expert)).get("/api/qualification/status?domain=law").then()
                    .statusCode(200).body("qualified", equalTo(true)).body("tier", equalTo(2)).body("source", equalTo("QUALITY"));
        }
    }

    @Test
    void shouldKeepARevokedStandingRevokedWhateverTheQualityAndCountOnFromItsVersion() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            UUID expert = knownExpert(kafka);
            grantWhenKnown(expert, "medicine", 2);
            given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                    .body(Map.of("expertId", expert.toString(), "domain", "medicine", "reason", "Confirmed fraud on three sessions"))
                    .post("/api/admin/qualifications/revocations").then().statusCode(201);
            kafka.awaitEnvelope("qualification.events.v1", e -> e.getAggregateId().equals(expert.toString())
                    && e.hasQualificationRevoked() && e.getQualificationRevoked().getVersion() == 2, WAIT);

            kafka.publish("tasks.events.v1", measured("task-service", expert, "medicine", 0.99, 50));
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertEquals(50L, scalar("select decided_judgments from expert_quality where expert_id = '" + expert
                            + "' and domain = 'medicine'")));
            assertEquals(2L, scalar("select version from qualification where expert_id = '" + expert + "' and tier is null"));
            given().auth().oauth2(TestJwt.expert(expert)).get("/api/qualification/status?domain=medicine").then()
                    .statusCode(200).body("qualified", equalTo(false));
            // Revoking what is already revoked finds nothing to revoke; a new grant counts on from the revocation.
            given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                    .body(Map.of("expertId", expert.toString(), "domain", "medicine", "reason", "Confirmed fraud, again"))
                    .post("/api/admin/qualifications/revocations").then().statusCode(404);
            grant(expert, "medicine", 1).statusCode(201).body("version", equalTo(3)).body("source", equalTo("ADMIN_GRANT"));
        }
    }

    @Test
    void shouldPassOverTaskEventsThatMoveNoStandingWithoutATransaction() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            UUID expert = knownExpert(kafka);
            grantWhenKnown(expert, "law", 2);
            // A claim's session and then a quality fact, on one key: the fact applied shows the session was consumed first.
            EventEnvelope opened = KafkaTestClient.envelope("task-service", expert.toString())
                    .setWorkSessionOpened(WorkSessionOpened.newBuilder().setSessionId(UUID.randomUUID().toString())
                            .setExpertId(expert.toString()).setJobId(UUID.randomUUID().toString())
                            .setOrganizationId(UUID.randomUUID().toString()).setCurrency("USD"))
                    .build();
            EventEnvelope fact = measured("task-service", expert, "law", 0.5, 3);
            kafka.publish("tasks.events.v1", opened);
            kafka.publish("tasks.events.v1", fact);

            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertEquals(1L, scalar("select count(*) from inbox_event where event_id = '" + fact.getEventId() + "'")));
            assertEquals(3L, scalar("select decided_judgments from expert_quality where expert_id = '" + expert
                    + "' and domain = 'law'"));
            assertEquals(0L, scalar("select count(*) from inbox_event where event_id = '" + opened.getEventId() + "'"),
                    "an event this service has no effect for leaves no inbox row");
        }
    }

    static EventEnvelope measured(String producer, UUID expert, String domain, double score, int decided) {
        Instant now = Instant.now();
        return KafkaTestClient.envelope(producer, expert.toString())
                .setExpertQualityMeasured(ExpertQualityMeasured.newBuilder().setExpertId(expert.toString()).setDomain(domain)
                        .setQualityScore(score).setAcceptanceRate(score).setDecidedJudgments(decided)
                        .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())))
                .build();
    }

    static UUID knownExpert(KafkaTestClient kafka) {
        UUID expert = UUID.randomUUID();
        kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", expert.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                        .setEmail(expert + "@example.org").setDisplayName("Measured Expert"))
                .build());
        return expert;
    }

    static ValidatableResponse grant(UUID expert, String domain, int tier) {
        return given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("expertId", expert.toString(), "domain", domain, "tier", tier,
                        "reason", "Vetted reviewer moving in from a partner platform"))
                .post("/api/admin/qualifications").then();
    }

    /** Grants once the account event has made the expert known (until then the grant answers 404). */
    static void grantWhenKnown(UUID expert, String domain, int tier) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                grant(expert, domain, tier).statusCode(201).body("version", equalTo(1)));
    }

    /** The expert's ExpertQualified events, in order, once there are at least {@code count}. */
    static List<ExpertQualified> standingEvents(KafkaTestClient kafka, UUID expert, int count) {
        return kafka.awaitEnvelopes("qualification.events.v1",
                        seen -> seen.stream().filter(e -> isStanding(e, expert)).count() >= count, WAIT)
                .stream().filter(e -> isStanding(e, expert)).map(EventEnvelope::getExpertQualified).toList();
    }

    private static boolean isStanding(EventEnvelope e, UUID expert) {
        return e.getAggregateId().equals(expert.toString()) && e.hasExpertQualified();
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
