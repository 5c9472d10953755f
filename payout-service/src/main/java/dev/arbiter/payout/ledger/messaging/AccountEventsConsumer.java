package dev.arbiter.payout.ledger.messaging;

import dev.arbiter.payout.ledger.service.LedgerService;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.payout.funding.service.FundingService;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.accounts.v1.LabMemberRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Opens an expert's ledger accounts when marketplace-api announces the expert; records lab organizations. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;
    private final LedgerService ledger;

    public AccountEventsConsumer(Inbox inbox, LedgerService ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.ACCOUNTS, this::apply);
    }

    @Incoming("accounts")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.ACCOUNTS, records, this::apply,
                Map.of(EventEnvelope.PayloadCase.EXPERT_REGISTERED, this::openAll));
    }

    /** A run of registrations: every expert's accounts in the same two statements as one expert's. */
    private Uni<Void> openAll(List<EventEnvelope> run) {
        return ledger.openExpertAccounts(run.stream().map(EventEnvelope::getExpertRegistered)
                .map(e -> new LedgerService.NewPayee(UUID.fromString(e.getExpertId()), e.getEmail(), e.getDisplayName()))
                .toList());
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        switch (envelope.getPayloadCase()) {
            case EXPERT_REGISTERED -> {
                ExpertRegistered event = envelope.getExpertRegistered();
                return ledger.openExpertAccounts(UUID.fromString(event.getExpertId()), event.getEmail(), event.getDisplayName());
            }
            case LAB_MEMBER_REGISTERED -> {
                // The organization becomes fundable (an admin records its deposits).
                LabMemberRegistered event = envelope.getLabMemberRegistered();
                return FundingService.recordOrganization(UUID.fromString(event.getOrganizationId()), event.getOrganizationName());
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }
}
