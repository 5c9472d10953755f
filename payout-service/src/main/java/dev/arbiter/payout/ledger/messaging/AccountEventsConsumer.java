package dev.arbiter.payout.ledger.messaging;

import dev.arbiter.payout.ledger.service.LedgerService;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Opens an expert's ledger accounts when marketplace-api announces the expert. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;
    private final LedgerService ledger;

    public AccountEventsConsumer(Inbox inbox, LedgerService ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    @Incoming("accounts")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.EXPERT_REGISTERED) {
            return Uni.createFrom().voidItem();
        }
        ExpertRegistered event = envelope.getExpertRegistered();
        return ledger.openExpertAccounts(UUID.fromString(event.getExpertId()), event.getEmail(), event.getDisplayName());
    }
}
