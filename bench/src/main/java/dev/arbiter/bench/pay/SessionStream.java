package dev.arbiter.bench.pay;

import com.google.protobuf.Timestamp;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JobPublished;
import dev.arbiter.proto.tasks.v1.JudgmentReviewed;
import dev.arbiter.proto.tasks.v1.ReviewDecision;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.proto.tasks.v1.WorkSessionVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Verified sessions as task-service's finaliser announces them, produced straight onto
 * {@code tasks.events.v1}: seeded, so each run draws the same paid seconds, tiers and experts.
 */
final class SessionStream {

    static final long HOURLY_RATE_MINOR = 4_000;
    static final int EXPECTED_MINUTES = 30;
    static final int[] MULTIPLIERS_BP = {10_000, 12_500, 15_000};

    /** One event as sent: the session, its expert, the amount the pay formula gives, and the envelope's bytes. */
    record Sent(UUID sessionId, UUID expertId, long amountMinor, EventEnvelope envelope) {
    }

    private final String bootstrap;
    private final String organizationId;
    private final List<UUID> experts = new ArrayList<>();
    private final Random random;

    SessionStream(String bootstrap, String organizationId, int expertCount, long seed) {
        this.bootstrap = bootstrap;
        this.organizationId = organizationId;
        this.random = new Random(seed);
        for (int i = 0; i < expertCount; i++) {
            experts.add(new UUID(random.nextLong(), random.nextLong()));
        }
    }

    List<UUID> experts() {
        return experts;
    }

    EventEnvelope jobPublished(UUID jobId, long budgetMinor) {
        return Envelopes.newEnvelope("task-service", jobId.toString())
                .setJobPublished(JobPublished.newBuilder().setJobId(jobId.toString()).setOrganizationId(organizationId)
                        .setTitle("Bench pay job").setBudgetMinor(budgetMinor).setHourlyRateMinor(HOURLY_RATE_MINOR)
                        .setCurrency("USD").setExpectedMinutesPerItem(EXPECTED_MINUTES).setPublishedAt(now()))
                .build();
    }

    /** {@code count} verified claim sessions of {@code jobId}: 5–60 minutes paid, a few over the cap. */
    List<Sent> sessions(UUID jobId, int count) {
        List<Sent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID session = UUID.randomUUID();
            UUID expert = experts.get(random.nextInt(experts.size()));
            int tier = 1 + random.nextInt(3);
            long cap = 2L * EXPECTED_MINUTES * 60;
            long active = 300 + random.nextInt(3_300) + (random.nextInt(20) == 0 ? cap : 0);
            long paid = Math.min(active, cap);
            int bp = MULTIPLIERS_BP[tier - 1];
            Instant closed = Instant.now().minusSeconds(60);
            SessionWork work = SessionWork.newBuilder().setSessionId(session.toString()).setKind(WorkSessionKind.WORK_SESSION_KIND_CLAIM)
                    .setTaskId(UUID.randomUUID().toString()).setJudgmentId(UUID.randomUUID().toString())
                    .setJobId(jobId.toString()).setOrganizationId(organizationId).setExpertId(expert.toString())
                    .setExpertTier(tier).setTierMultiplierBp(bp).setActiveSeconds(active).setPaidSeconds(paid)
                    .setOverCapSeconds(active - paid).setHourlyRateMinor(HOURLY_RATE_MINOR).setCurrency("USD")
                    .setDigest("00".repeat(32)).setOpenedAt(ts(closed.minusSeconds(active + 30))).setClosedAt(ts(closed))
                    .build();
            EventEnvelope envelope = Envelopes.newEnvelope("task-service", expert.toString())
                    .setWorkSessionVerified(WorkSessionVerified.newBuilder().setWork(work).setFinalisedAt(now()))
                    .build();
            out.add(new Sent(session, expert, PayArithmetic.sessionAmountMinor(paid, HOURLY_RATE_MINOR, bp), envelope));
        }
        return out;
    }

    /** One session for each of {@code experts}, {@code perExpert} times, all at one tier and paid time (for statements and batches). */
    List<Sent> sessionsOf(UUID jobId, List<UUID> experts, int perExpert, int tier, long paidSeconds) {
        List<Sent> out = new ArrayList<>(experts.size() * perExpert);
        int bp = MULTIPLIERS_BP[tier - 1];
        for (UUID expert : experts) {
            for (int i = 0; i < perExpert; i++) {
                UUID session = UUID.randomUUID();
                Instant closed = Instant.now().minusSeconds(60);
                SessionWork work = SessionWork.newBuilder().setSessionId(session.toString())
                        .setKind(WorkSessionKind.WORK_SESSION_KIND_CLAIM).setTaskId(UUID.randomUUID().toString())
                        .setJudgmentId(UUID.randomUUID().toString()).setJobId(jobId.toString()).setOrganizationId(organizationId)
                        .setExpertId(expert.toString()).setExpertTier(tier).setTierMultiplierBp(bp).setActiveSeconds(paidSeconds)
                        .setPaidSeconds(paidSeconds).setHourlyRateMinor(HOURLY_RATE_MINOR).setCurrency("USD")
                        .setDigest("00".repeat(32)).setOpenedAt(ts(closed.minusSeconds(paidSeconds + 30))).setClosedAt(ts(closed))
                        .build();
                EventEnvelope envelope = Envelopes.newEnvelope("task-service", expert.toString())
                        .setWorkSessionVerified(WorkSessionVerified.newBuilder().setWork(work).setFinalisedAt(now()))
                        .build();
                out.add(new Sent(session, expert, PayArithmetic.sessionAmountMinor(paidSeconds, HOURLY_RATE_MINOR, bp), envelope));
            }
        }
        return out;
    }

    /** A reviewer's acceptance of each session's judgment, as task-service announces it (key: the expert). */
    List<Sent> accepted(List<Sent> sessions) {
        List<Sent> out = new ArrayList<>(sessions.size());
        UUID reviewer = UUID.randomUUID();
        for (Sent s : sessions) {
            SessionWork work = s.envelope().getWorkSessionVerified().getWork();
            EventEnvelope envelope = Envelopes.newEnvelope("task-service", s.expertId().toString())
                    .setJudgmentReviewed(JudgmentReviewed.newBuilder().setJudgmentId(work.getJudgmentId())
                            .setJobId(work.getJobId()).setExpertId(work.getExpertId()).setReviewerId(reviewer.toString())
                            .setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).setReviewedAt(now()))
                    .build();
            out.add(new Sent(s.sessionId(), s.expertId(), s.amountMinor(), envelope));
        }
        return out;
    }

    /** The same sessions in new envelopes (new event ids): what a producer that retried would send. */
    List<Sent> withNewEventIds(List<Sent> sent) {
        List<Sent> out = new ArrayList<>(sent.size());
        for (Sent s : sent) {
            EventEnvelope fresh = s.envelope().toBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now()).build();
            out.add(new Sent(s.sessionId(), s.expertId(), s.amountMinor(), fresh));
        }
        return out;
    }

    /**
     * Sends them keyed by expert (as task-service does) and waits for the broker's acknowledgements; answers
     * when each was sent (its envelope's occurred_at, stamped as it goes out).
     */
    Map<UUID, Instant> produce(List<Sent> sent) throws Exception {
        Map<UUID, Instant> sentAt = new java.util.HashMap<>(sent.size() * 2);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>(sent.size());
            for (Sent s : sent) {
                Instant at = Instant.now();
                sentAt.put(s.sessionId(), at);
                byte[] value = s.envelope().toBuilder().setOccurredAt(ts(at)).build().toByteArray();
                acks.add(producer.send(new ProducerRecord<>(Topics.TASKS, s.expertId().toString(), value)));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        }
        return sentAt;
    }

    void produceUnchecked(List<Sent> sent) {
        try {
            produce(sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("producing sessions failed", e);
        }
    }

    void produce(EventEnvelope envelope, String key) throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TASKS, key, envelope.toByteArray())).get();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Timestamp now() {
        return ts(Instant.now());
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
