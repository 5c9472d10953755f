package dev.arbiter.payout.batch.service;

import dev.arbiter.payout.events.PayoutEvents;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.proto.payouts.v1.PayoutBatchChanged;
import dev.arbiter.proto.payouts.v1.PayoutBatchStatus;
import dev.arbiter.proto.payouts.v1.PayoutLineSettled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What batches tell others, through the outbox in the transaction of the change; keyed by the batch id. */
@ApplicationScoped
public class BatchEvents {

    private final OutboxWriter outbox;

    public BatchEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> batchChanged(UUID batchId, BatchStatus status, long totalMinor, String currency, int lines, UUID adminId,
                                  Instant at) {
        PayoutBatchChanged event = PayoutBatchChanged.newBuilder().setBatchId(batchId.toString())
                .setStatus(switch (status) {
                    case DRAFT -> PayoutBatchStatus.PAYOUT_BATCH_STATUS_DRAFT;
                    case APPROVED -> PayoutBatchStatus.PAYOUT_BATCH_STATUS_APPROVED;
                    case SETTLED -> PayoutBatchStatus.PAYOUT_BATCH_STATUS_SETTLED;
                })
                .setTotalMinor(totalMinor).setCurrency(currency).setLines(lines).setAdminId(adminId.toString())
                .setChangedAt(PayoutEvents.timestamp(at)).build();
        return outbox.append(Topics.PAYOUTS, Envelopes.newEnvelope(PayoutEvents.PRODUCER, batchId.toString())
                .setPayoutBatchChanged(event).build());
    }

    /** Many lines settled in one request, in order, a few hundred events per statement. */
    public Uni<Void> linesSettled(UUID batchId, List<Settled> lines, String currency, Instant at) {
        return outbox.appendAll(Topics.PAYOUTS, lines.stream().map(line -> {
            PayoutLineSettled.Builder event = PayoutLineSettled.newBuilder().setBatchId(batchId.toString())
                    .setExpertId(line.expertId().toString()).setAmountMinor(line.amountMinor()).setCurrency(currency)
                    .setPaid(line.outcome() == LineStatus.PAID).setReference(line.reference())
                    .setSettledAt(PayoutEvents.timestamp(at));
            if (line.outcome() == LineStatus.FAILED) {
                event.setFailureReason(line.reason());
            }
            return Envelopes.newEnvelope(PayoutEvents.PRODUCER, batchId.toString()).setPayoutLineSettled(event).build();
        }).toList());
    }

    /** A line as settled: the payee, its amount, PAID or FAILED, the provider's reference and why it failed. */
    public record Settled(UUID expertId, long amountMinor, LineStatus outcome, String reference, String reason) {
    }
}
