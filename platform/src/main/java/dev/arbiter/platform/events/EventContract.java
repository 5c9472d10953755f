package dev.arbiter.platform.events;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.common.v1.EventEnvelope.PayloadCase;
import dev.arbiter.proto.tasks.v1.SessionWork;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a consumer may believe of an event: who owns each event type (the one service that may publish it, on
 * its own topic) and the ranges each payload's fields must lie in. A record that breaks it is never applied: one
 * from anyone but its owner, or on another topic, is refused outright; one from its owner with a value out of
 * range is parked, so it can be replayed once a fix makes it applicable.
 *
 * <p>The bounds are wide on purpose: they keep absurd values (a tier of 99, a negative amount, a year of active
 * time, an id that is not one, a megabyte of name) out of money and standing, not second-guess the owner's rules.
 * A field that is absent is not out of range (older events lack newer fields); what a consumer cannot do without,
 * it refuses itself.
 */
public final class EventContract {

    /** The owner of an event type: the service that alone may publish it, and its topic. */
    public record Owner(String service, String topic) {
    }

    public static final Owner ACCOUNTS = new Owner("marketplace-api", Topics.ACCOUNTS);
    public static final Owner QUALIFICATION = new Owner("qualification-service", Topics.QUALIFICATION);
    public static final Owner TASKS = new Owner("task-service", Topics.TASKS);
    public static final Owner PAYOUTS = new Owner("payout-service", Topics.PAYOUTS);

    static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;
    static final long MAX_HOURLY_RATE_MINOR = 100_000_000L;
    static final long MAX_SESSION_SECONDS = 31L * 24 * 3600;
    static final int MAX_MULTIPLIER_BP = 100_000;
    static final int MAX_TIER = 3;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2_000;
    private static final Pattern DOMAIN_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private EventContract() {
    }

    /** The owner of the envelope's event type. */
    public static Owner ownerOf(PayloadCase type) {
        return switch (type) {
            case EXPERT_REGISTERED, LAB_MEMBER_REGISTERED, DOMAIN_ADDED -> ACCOUNTS;
            case EXPERT_QUALIFIED, QUALIFICATION_REVOKED -> QUALIFICATION;
            case JUDGMENT_SUBMITTED, JUDGMENT_REVIEWED, WORK_SESSION_CLOSED, EXPERT_QUALITY_MEASURED,
                 WORK_SESSION_VERIFIED, WORK_SESSION_FLAGGED, SESSION_CLEARED, SESSION_FRAUD_CONFIRMED,
                 APPEAL_DECIDED, WORK_SESSION_OPENED, JOB_PUBLISHED -> TASKS;
            case LAB_FUNDED, JOB_BUDGET_RESERVED, SESSION_PAY_CHANGED, BUDGET_EXHAUSTED, PAYOUT_BATCH_CHANGED,
                 PAYOUT_LINE_SETTLED -> PAYOUTS;
            case PAYLOAD_NOT_SET -> throw new IllegalArgumentException("An envelope without a payload has no owner");
        };
    }

    /**
     * Why the event may not be believed at all, or null when it may: it must come from its type's owner and
     * arrive on the owner's topic ({@code topic} is where the consumer read it).
     */
    public static String impostor(EventEnvelope envelope, String topic) {
        Owner owner = ownerOf(envelope.getPayloadCase());
        if (!owner.service().equals(envelope.getProducer())) {
            return envelope.getPayloadCase() + " from producer '" + clip(envelope.getProducer()) + "': only "
                    + owner.service() + " publishes it";
        }
        if (!owner.topic().equals(topic)) {
            return envelope.getPayloadCase() + " on topic " + topic + ": it is published only on " + owner.topic();
        }
        return null;
    }

    /** The payload's fields that lie outside their ranges, each as "field: why"; empty when all are within. */
    public static List<String> outOfRange(EventEnvelope e) {
        Check c = new Check();
        c.uuidOrEmpty("event_id", e.getEventId(), false);
        c.text("aggregate_id", e.getAggregateId(), MAX_NAME, false);
        switch (e.getPayloadCase()) {
            case EXPERT_REGISTERED -> {
                c.uuid("expert_id", e.getExpertRegistered().getExpertId());
                c.text("email", e.getExpertRegistered().getEmail(), 320, true);
                c.text("display_name", e.getExpertRegistered().getDisplayName(), MAX_NAME, true);
            }
            case LAB_MEMBER_REGISTERED -> {
                var m = e.getLabMemberRegistered();
                c.uuid("account_id", m.getAccountId());
                c.uuid("organization_id", m.getOrganizationId());
                c.text("email", m.getEmail(), 320, true);
                c.text("display_name", m.getDisplayName(), MAX_NAME, true);
                c.text("organization_name", m.getOrganizationName(), MAX_NAME, true);
            }
            case DOMAIN_ADDED -> {
                c.domain("key", e.getDomainAdded().getKey());
                c.text("name", e.getDomainAdded().getName(), 100, false);
            }
            case EXPERT_QUALIFIED -> {
                var q = e.getExpertQualified();
                c.uuid("expert_id", q.getExpertId());
                c.domain("domain", q.getDomain());
                c.range("tier", q.getTierValue(), 1, MAX_TIER);
                c.range("source", q.getSourceValue(), 0, 3);
                c.range("version", q.getVersion(), 0, Long.MAX_VALUE);
                c.text("reason", q.getReason(), MAX_TEXT, true);
            }
            case QUALIFICATION_REVOKED -> {
                var r = e.getQualificationRevoked();
                c.uuid("expert_id", r.getExpertId());
                c.domain("domain", r.getDomain());
                c.range("version", r.getVersion(), 0, Long.MAX_VALUE);
                c.text("reason", r.getReason(), MAX_TEXT, true);
            }
            case JUDGMENT_SUBMITTED -> {
                var j = e.getJudgmentSubmitted();
                c.uuid("judgment_id", j.getJudgmentId());
                c.uuid("task_id", j.getTaskId());
                c.uuid("job_id", j.getJobId());
                c.uuid("item_id", j.getItemId());
                c.uuid("expert_id", j.getExpertId());
                c.uuidOrEmpty("organization_id", j.getOrganizationId(), true);
                c.uuidOrEmpty("session_id", j.getSessionId(), true);
            }
            case JUDGMENT_REVIEWED -> {
                var r = e.getJudgmentReviewed();
                c.uuid("judgment_id", r.getJudgmentId());
                c.uuid("job_id", r.getJobId());
                c.uuid("expert_id", r.getExpertId());
                c.uuid("reviewer_id", r.getReviewerId());
                c.range("decision", r.getDecisionValue(), 1, 3);
            }
            case WORK_SESSION_CLOSED -> {
                var s = e.getWorkSessionClosed();
                c.uuid("session_id", s.getSessionId());
                c.uuidOrEmpty("task_id", s.getTaskId(), true);
                c.uuidOrEmpty("job_id", s.getJobId(), true);
                c.uuid("expert_id", s.getExpertId());
                c.uuidOrEmpty("judgment_id", s.getJudgmentId(), true);
                c.range("active_seconds", s.getActiveSeconds(), 0, MAX_SESSION_SECONDS);
                c.range("kind", s.getKindValue(), 0, 3);
                c.order("closed_at", s.getOpenedAt(), s.getClosedAt());
            }
            case EXPERT_QUALITY_MEASURED -> {
                var q = e.getExpertQualityMeasured();
                c.uuid("expert_id", q.getExpertId());
                c.domain("domain", q.getDomain());
                c.share("quality_score", q.getQualityScore());
                if (q.hasGoldAccuracy()) {
                    c.share("gold_accuracy", q.getGoldAccuracy());
                }
                if (q.hasConsensusAgreement()) {
                    c.share("consensus_agreement", q.getConsensusAgreement());
                }
                if (q.hasAcceptanceRate()) {
                    c.share("acceptance_rate", q.getAcceptanceRate());
                }
                c.range("decided_judgments", q.getDecidedJudgments(), 0, Integer.MAX_VALUE);
            }
            case WORK_SESSION_VERIFIED -> c.work(e.getWorkSessionVerified().getWork());
            case WORK_SESSION_FLAGGED -> {
                c.work(e.getWorkSessionFlagged().getWork());
                c.count("fired_signals", e.getWorkSessionFlagged().getFiredSignalsCount(), 100);
                c.count("families", e.getWorkSessionFlagged().getFamiliesCount(), 100);
            }
            case SESSION_CLEARED -> c.decision(e.getSessionCleared().getSessionId(), e.getSessionCleared().getExpertId(),
                    e.getSessionCleared().getJobId(), e.getSessionCleared().getJudgmentId(), e.getSessionCleared().getAdminId());
            case SESSION_FRAUD_CONFIRMED -> {
                var f = e.getSessionFraudConfirmed();
                c.decision(f.getSessionId(), f.getExpertId(), f.getJobId(), f.getJudgmentId(), f.getAdminId());
            }
            case APPEAL_DECIDED -> {
                var a = e.getAppealDecided();
                c.decision(a.getSessionId(), a.getExpertId(), a.getJobId(), a.getJudgmentId(), a.getAdminId());
                c.range("decision", a.getDecisionValue(), 1, 2);
            }
            case WORK_SESSION_OPENED -> {
                var o = e.getWorkSessionOpened();
                c.uuid("session_id", o.getSessionId());
                c.range("kind", o.getKindValue(), 1, 3);
                c.uuidOrEmpty("task_id", o.getTaskId(), true);
                c.uuidOrEmpty("job_id", o.getJobId(), true);
                c.uuidOrEmpty("organization_id", o.getOrganizationId(), true);
                c.uuid("expert_id", o.getExpertId());
                c.range("expert_tier", o.getExpertTier(), 0, MAX_TIER);
                c.range("tier_multiplier_bp", o.getTierMultiplierBp(), 0, MAX_MULTIPLIER_BP);
                c.range("hourly_rate_minor", o.getHourlyRateMinor(), 0, MAX_HOURLY_RATE_MINOR);
                c.currency("currency", o.getCurrency(), true);
                c.range("cap_seconds", o.getCapSeconds(), 0, MAX_SESSION_SECONDS);
            }
            case JOB_PUBLISHED -> {
                var j = e.getJobPublished();
                c.uuid("job_id", j.getJobId());
                c.uuid("organization_id", j.getOrganizationId());
                c.text("title", j.getTitle(), 500, true);
                c.range("budget_minor", j.getBudgetMinor(), 0, MAX_AMOUNT_MINOR);
                c.range("hourly_rate_minor", j.getHourlyRateMinor(), 0, MAX_HOURLY_RATE_MINOR);
                c.currency("currency", j.getCurrency(), true);
                c.range("expected_minutes_per_item", j.getExpectedMinutesPerItem(), 0, 100_000);
            }
            case LAB_FUNDED -> {
                var f = e.getLabFunded();
                c.uuid("organization_id", f.getOrganizationId());
                c.uuidOrEmpty("funding_id", f.getFundingId(), true);
                c.range("amount_minor", f.getAmountMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", f.getCurrency(), false);
                c.text("reference", f.getReference(), MAX_TEXT, true);
            }
            case JOB_BUDGET_RESERVED -> {
                var r = e.getJobBudgetReserved();
                c.uuid("job_id", r.getJobId());
                c.uuid("organization_id", r.getOrganizationId());
                c.range("budget_minor", r.getBudgetMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", r.getCurrency(), false);
            }
            case SESSION_PAY_CHANGED -> {
                var p = e.getSessionPayChanged();
                c.uuid("session_id", p.getSessionId());
                c.uuid("expert_id", p.getExpertId());
                c.uuidOrEmpty("job_id", p.getJobId(), true);
                c.uuidOrEmpty("organization_id", p.getOrganizationId(), true);
                c.range("stage", p.getStageValue(), 1, 6);
                c.range("amount_minor", p.getAmountMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", p.getCurrency(), false);
                c.range("job_spent_minor", p.getJobSpentMinor(), 0, MAX_AMOUNT_MINOR);
                c.text("hold_reason", p.getHoldReason(), MAX_TEXT, true);
                c.range("job_spend_version", p.getJobSpendVersion(), 0, Long.MAX_VALUE);
            }
            case BUDGET_EXHAUSTED -> {
                var b = e.getBudgetExhausted();
                c.uuid("job_id", b.getJobId());
                c.uuidOrEmpty("organization_id", b.getOrganizationId(), true);
                c.range("remaining_minor", b.getRemainingMinor(), -MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR);
                c.range("worst_case_minor", b.getWorstCaseMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", b.getCurrency(), false);
            }
            case PAYOUT_BATCH_CHANGED -> {
                var b = e.getPayoutBatchChanged();
                c.uuid("batch_id", b.getBatchId());
                c.range("status", b.getStatusValue(), 1, 3);
                c.range("total_minor", b.getTotalMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", b.getCurrency(), false);
                c.range("lines", b.getLines(), 0, Integer.MAX_VALUE);
            }
            case PAYOUT_LINE_SETTLED -> {
                var l = e.getPayoutLineSettled();
                c.uuid("batch_id", l.getBatchId());
                c.uuid("expert_id", l.getExpertId());
                c.range("amount_minor", l.getAmountMinor(), 0, MAX_AMOUNT_MINOR);
                c.currency("currency", l.getCurrency(), false);
                c.text("reference", l.getReference(), MAX_TEXT, true);
                c.text("failure_reason", l.getFailureReason(), MAX_TEXT, true);
            }
            case PAYLOAD_NOT_SET -> c.problems.add("payload: not set");
        }
        return c.problems;
    }

    private static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** Collects what is out of range, field by field. */
    private static final class Check {
        final List<String> problems = new ArrayList<>();

        /**
         * An id, when it is there. Absent ids are left to the consumer: an event written before a field existed
         * lacks it, and the topics keep old events for new consumer groups.
         */
        void uuid(String field, String value) {
            uuidOrEmpty(field, value, true);
        }

        void uuidOrEmpty(String field, String value, boolean mayBeEmpty) {
            if (value.isEmpty()) {
                if (!mayBeEmpty) {
                    problems.add(field + ": missing");
                }
                return;
            }
            boolean uuid = value.length() == 36;
            if (uuid) {
                try {
                    UUID.fromString(value);
                } catch (IllegalArgumentException e) {
                    uuid = false;
                }
            }
            if (!uuid) {
                problems.add(field + ": '" + clip(value) + "' is not a UUID");
            }
        }

        void text(String field, String value, int max, boolean mayBeEmpty) {
            if (value.isEmpty() && !mayBeEmpty) {
                problems.add(field + ": missing");
            } else if (value.length() > max) {
                problems.add(field + ": " + value.length() + " characters, at most " + max);
            }
        }

        void domain(String field, String value) {
            if (!DOMAIN_KEY.matcher(value).matches()) {
                problems.add(field + ": '" + clip(value) + "' is not a domain key");
            }
        }

        void currency(String field, String value, boolean mayBeEmpty) {
            if (!(mayBeEmpty && value.isEmpty()) && !CURRENCY.matcher(value).matches()) {
                problems.add(field + ": '" + clip(value) + "' is not an ISO 4217 code");
            }
        }

        void range(String field, long value, long min, long max) {
            if (value < min || value > max) {
                problems.add(field + ": " + value + " is outside " + min + ".." + max);
            }
        }

        void count(String field, int count, int max) {
            if (count > max) {
                problems.add(field + ": " + count + " entries, at most " + max);
            }
        }

        /** A share in 0..1. */
        void share(String field, double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                problems.add(field + ": " + value + " is outside 0..1");
            }
        }


        void order(String field, Timestamp opened, Timestamp closed) {
            if (opened.getSeconds() > 0 && closed.getSeconds() > 0 && closed.getSeconds() < opened.getSeconds()) {
                problems.add(field + ": before opened_at");
            }
        }

        void decision(String session, String expert, String job, String judgment, String admin) {
            uuid("session_id", session);
            uuid("expert_id", expert);
            uuidOrEmpty("job_id", job, true);
            uuidOrEmpty("judgment_id", judgment, true);
            uuidOrEmpty("admin_id", admin, true);
        }

        void work(SessionWork w) {
            uuid("work.session_id", w.getSessionId());
            range("work.kind", w.getKindValue(), 1, 3);
            uuidOrEmpty("work.task_id", w.getTaskId(), true);
            uuidOrEmpty("work.judgment_id", w.getJudgmentId(), true);
            uuidOrEmpty("work.job_id", w.getJobId(), true);
            uuidOrEmpty("work.organization_id", w.getOrganizationId(), true);
            uuid("work.expert_id", w.getExpertId());
            range("work.expert_tier", w.getExpertTier(), 0, MAX_TIER);
            range("work.active_seconds", w.getActiveSeconds(), 0, MAX_SESSION_SECONDS);
            range("work.paid_seconds", w.getPaidSeconds(), 0, w.getActiveSeconds());
            range("work.over_cap_seconds", w.getOverCapSeconds(), 0, MAX_SESSION_SECONDS);
            range("work.hourly_rate_minor", w.getHourlyRateMinor(), 0, MAX_HOURLY_RATE_MINOR);
            currency("work.currency", w.getCurrency(), true);
            text("work.digest", w.getDigest(), 256, true);
            range("work.tier_multiplier_bp", w.getTierMultiplierBp(), 0, MAX_MULTIPLIER_BP);
            order("work.closed_at", w.getOpenedAt(), w.getClosedAt());
        }
    }
}
