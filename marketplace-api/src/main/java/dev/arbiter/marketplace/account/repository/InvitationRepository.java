package dev.arbiter.marketplace.account.repository;

import dev.arbiter.marketplace.account.model.Invitation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public Uni<Invitation> findByCodeHash(String codeHash) {
        return find("codeHash", codeHash).firstResult();
    }

    /** Spends the invitation if it is still unused; false when someone else already did. */
    public Uni<Boolean> spend(UUID id, UUID accountId, Instant now) {
        return update("usedBy = ?1, usedAt = ?2 where id = ?3 and usedAt is null", accountId, now, id)
                .map(updated -> updated == 1);
    }
}
