package dev.arbiter.payout.ledger.repository;

import dev.arbiter.payout.ledger.model.ExpertPayee;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ExpertPayeeRepository implements PanacheRepositoryBase<ExpertPayee, UUID> {
}
