package dev.arbiter.marketplace.domain.service;

import dev.arbiter.marketplace.domain.model.Domain;
import dev.arbiter.marketplace.domain.repository.DomainRepository;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.accounts.v1.DomainAdded;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The platform's one catalog of domains. Adding one is an admin's act, stored with who did it, and
 * announced ({@code DomainAdded}) in the same transaction, so that qualification-service and
 * task-service accept it in questions, grants and jobs moments later.
 */
@ApplicationScoped
public class DomainCatalogService {

    static final String PRODUCER = "marketplace-api";

    private final DomainRepository domains;
    private final OutboxWriter outbox;

    public DomainCatalogService(DomainRepository domains, OutboxWriter outbox) {
        this.domains = domains;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<Domain>> all() {
        return domains.all();
    }

    @WithTransaction
    public Uni<Domain> add(Domain domain, UUID adminId) {
        Domain clean = new Domain(domain.key(), domain.name().strip());
        return domains.add(clean, adminId).chain(added -> {
            if (!added) {
                throw ApiProblem.conflict("domain-exists", "The catalog already has a domain '" + clean.key() + "'")
                        .with("key", clean.key());
            }
            return outbox.append(Topics.ACCOUNTS, Envelopes.newEnvelope(PRODUCER, clean.key())
                    .setDomainAdded(DomainAdded.newBuilder().setKey(clean.key()).setName(clean.name())).build());
        }).replaceWith(clean);
    }
}
