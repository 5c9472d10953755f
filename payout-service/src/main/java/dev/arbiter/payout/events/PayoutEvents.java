package dev.arbiter.payout.events;

import com.google.protobuf.Timestamp;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.payouts.v1.BudgetExhausted;
import dev.arbiter.proto.payouts.v1.JobBudgetReserved;
import dev.arbiter.proto.payouts.v1.LabFunded;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Everything payout-service tells others, appended to its outbox in the transaction of the change it describes.
 * Keys: the organization for funding, the job for its budget, the expert for a session's pay.
 */
@ApplicationScoped
public class PayoutEvents {

    public static final String PRODUCER = "payout-service";

    private final OutboxWriter outbox;

    public PayoutEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> labFunded(LabFunded event) {
        return append(Envelopes.newEnvelope(PRODUCER, event.getOrganizationId()).setLabFunded(event).build());
    }

    public Uni<Void> jobBudgetReserved(JobBudgetReserved event) {
        return append(Envelopes.newEnvelope(PRODUCER, event.getJobId()).setJobBudgetReserved(event).build());
    }

    public Uni<Void> budgetExhausted(BudgetExhausted event) {
        return append(Envelopes.newEnvelope(PRODUCER, event.getJobId()).setBudgetExhausted(event).build());
    }

    public Uni<Void> sessionPayChanged(SessionPayChanged event) {
        return append(Envelopes.newEnvelope(PRODUCER, event.getExpertId()).setSessionPayChanged(event).build());
    }

    /** Many at once (a payout batch's lines), in order, in a few statements. */
    public Uni<Void> sessionPayChanged(List<SessionPayChanged> events) {
        return outbox.appendAll(Topics.PAYOUTS, events.stream()
                .map(event -> Envelopes.newEnvelope(PRODUCER, event.getExpertId()).setSessionPayChanged(event).build()).toList());
    }

    public static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private Uni<Void> append(EventEnvelope envelope) {
        return outbox.append(Topics.PAYOUTS, envelope);
    }
}
