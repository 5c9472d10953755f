package dev.arbiter.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.payouts.v1.LabFunded;
import dev.arbiter.proto.payouts.v1.PayStage;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.proto.tasks.v1.ExpertQualityMeasured;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.proto.tasks.v1.WorkSessionVerified;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractTest {

    private static final String EXPERT = UUID.randomUUID().toString();

    @Test
    void shouldBelieveAnEventFromItsOwnerOnItsOwnersTopic() {
        assertNull(EventContract.impostor(qualified(b -> b), Topics.QUALIFICATION));
    }

    @Test
    void shouldRefuseAnEventFromAnotherProducer() {
        EventEnvelope fromTasks = Envelopes.newEnvelope("task-service", EXPERT)
                .setExpertQualified(qualified(b -> b).getExpertQualified()).build();

        String why = EventContract.impostor(fromTasks, Topics.QUALIFICATION);

        assertNotNull(why);
        assertTrue(why.contains("only qualification-service publishes it"), why);
    }

    @Test
    void shouldRefuseAnEventOnAnotherServicesTopicEvenWithTheOwnersName() {
        String why = EventContract.impostor(qualified(b -> b), Topics.TASKS);

        assertNotNull(why);
        assertTrue(why.contains("published only on " + Topics.QUALIFICATION), why);
    }

    @ParameterizedTest
    @EnumSource(value = EventEnvelope.PayloadCase.class, mode = EnumSource.Mode.EXCLUDE, names = "PAYLOAD_NOT_SET")
    void shouldNameAnOwnerForEveryEventType(EventEnvelope.PayloadCase type) {
        EventContract.Owner owner = EventContract.ownerOf(type);
        assertTrue(List.of(EventContract.ACCOUNTS, EventContract.QUALIFICATION, EventContract.TASKS,
                EventContract.PAYOUTS).contains(owner));
    }

    @Test
    void shouldFindNothingOutOfRangeInWellFormedEvents() {
        assertEquals(List.of(), EventContract.outOfRange(qualified(b -> b)));
        assertEquals(List.of(), EventContract.outOfRange(verified(w -> w)));
        assertEquals(List.of(), EventContract.outOfRange(payChanged(p -> p)));
        assertEquals(List.of(), EventContract.outOfRange(Envelopes.newEnvelope("marketplace-api", EXPERT)
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(EXPERT).setEmail("a@b.org")
                        .setDisplayName("Ada")).build()));
    }

    /** Each row: an event with one value out of range, and the field the answer must name. */
    @Test
    void shouldNameTheFieldThatIsOutOfRange() {
        List<Object[]> table = List.of(
                row(qualified(b -> b.setTierValue(99)), "tier: 99 is outside 1..3"),
                row(qualified(b -> b.setTier(Tier.TIER_UNSPECIFIED)), "tier: 0 is outside 1..3"),
                row(qualified(b -> b.setExpertId("not-a-uuid")), "expert_id: 'not-a-uuid' is not a UUID"),
                row(qualified(b -> b.setDomain("Law; drop table")), "domain: 'Law; drop table' is not a domain key"),
                row(qualified(b -> b.setVersion(-1)), "version: -1 is outside"),
                row(qualified(b -> b.setReason("x".repeat(2_001))), "reason: 2001 characters, at most 2000"),
                row(verified(w -> w.setActiveSeconds(40L * 24 * 3600).setPaidSeconds(0)), "work.active_seconds"),
                row(verified(w -> w.setPaidSeconds(601)), "work.paid_seconds: 601 is outside 0..600"),
                row(verified(w -> w.setHourlyRateMinor(-5)), "work.hourly_rate_minor: -5"),
                row(verified(w -> w.setTierMultiplierBp(1_000_000)), "work.tier_multiplier_bp"),
                row(verified(w -> w.setCurrency("usd")), "work.currency: 'usd' is not an ISO 4217 code"),
                row(verified(w -> w.setKindValue(7)), "work.kind: 7"),
                row(payChanged(p -> p.setAmountMinor(-1)), "amount_minor: -1"),
                row(payChanged(p -> p.setStage(PayStage.PAY_STAGE_UNSPECIFIED)), "stage: 0"),
                row(Envelopes.newEnvelope("payout-service", EXPERT).setLabFunded(LabFunded.newBuilder()
                        .setOrganizationId(EXPERT).setAmountMinor(Long.MAX_VALUE).setCurrency("USD")).build(),
                        "amount_minor: " + Long.MAX_VALUE),
                row(Envelopes.newEnvelope("task-service", EXPERT).setExpertQualityMeasured(ExpertQualityMeasured
                        .newBuilder().setExpertId(EXPERT).setDomain("law").setQualityScore(Double.NaN)).build(),
                        "quality_score: NaN is outside 0..1"),
                row(Envelopes.newEnvelope("marketplace-api", EXPERT).setExpertRegistered(ExpertRegistered
                        .newBuilder().setExpertId(EXPERT).setEmail("a@b.org").setDisplayName("n".repeat(10_000))).build(),
                        "display_name: 10000 characters"));
        for (Object[] row : table) {
            List<String> problems = EventContract.outOfRange((EventEnvelope) row[0]);
            String expected = (String) row[1];
            assertEquals(1, problems.size(), expected + " -> " + problems);
            assertTrue(problems.get(0).startsWith(expected), expected + " -> " + problems);
        }
    }

    private static Object[] row(EventEnvelope envelope, String problem) {
        return new Object[] {envelope, problem};
    }

    private static EventEnvelope qualified(UnaryOperator<ExpertQualified.Builder> change) {
        return Envelopes.newEnvelope("qualification-service", EXPERT).setExpertQualified(change.apply(
                ExpertQualified.newBuilder().setExpertId(EXPERT).setDomain("law").setTier(Tier.TIER_2).setVersion(3)))
                .build();
    }

    private static EventEnvelope verified(UnaryOperator<SessionWork.Builder> change) {
        SessionWork.Builder work = SessionWork.newBuilder().setSessionId(UUID.randomUUID().toString())
                .setKind(WorkSessionKind.WORK_SESSION_KIND_CLAIM).setTaskId(UUID.randomUUID().toString())
                .setJobId(UUID.randomUUID().toString()).setOrganizationId(UUID.randomUUID().toString())
                .setExpertId(EXPERT).setExpertTier(2).setActiveSeconds(600).setPaidSeconds(600)
                .setHourlyRateMinor(4_500).setCurrency("USD").setDigest("ab".repeat(32)).setTierMultiplierBp(12_500);
        return Envelopes.newEnvelope("task-service", EXPERT)
                .setWorkSessionVerified(WorkSessionVerified.newBuilder().setWork(change.apply(work))).build();
    }

    private static EventEnvelope payChanged(UnaryOperator<SessionPayChanged.Builder> change) {
        return Envelopes.newEnvelope("payout-service", EXPERT).setSessionPayChanged(change.apply(SessionPayChanged
                .newBuilder().setSessionId(UUID.randomUUID().toString()).setExpertId(EXPERT)
                .setJobId(UUID.randomUUID().toString()).setStage(PayStage.PAY_STAGE_PENDING).setAmountMinor(750)
                .setCurrency("USD").setJobSpentMinor(750))).build();
    }
}
