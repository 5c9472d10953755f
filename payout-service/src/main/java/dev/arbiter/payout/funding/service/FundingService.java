package dev.arbiter.payout.funding.service;

import dev.arbiter.payout.events.PayoutEvents;
import dev.arbiter.payout.funding.rest.FundingView;
import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.ledger.service.Money;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.payouts.v1.LabFunded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Lab funding: an admin records a deposit the platform received; it moves from PLATFORM_DEPOSITS (the outside
 * world's side) to the organization's LAB_BALANCE, and {@code LabFunded} goes out. Runs inside the caller's
 * transaction (the Idempotency-Key's), so the deposit, its ledger transaction, its event and the stored answer
 * commit together.
 */
@ApplicationScoped
public class FundingService {

    private final Ledger ledger;
    private final PayoutEvents events;

    public FundingService(Ledger ledger, PayoutEvents events) {
        this.ledger = ledger;
        this.events = events;
    }

    /** Records the deposit (validated by the caller); 404 when no member of the organization was ever announced. */
    public Uni<FundingView> fund(UUID organizationId, long amountMinor, String reference, UUID adminId) {
        UUID fundingId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return organizationExists(organizationId)
                .invoke(known -> {
                    if (!known) {
                        throw ApiProblem.notFound("Organization", organizationId);
                    }
                })
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "insert into funding (id, organization_id, amount_minor, currency, reference, admin_id, funded_at) "
                                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                        .setParameter(1, fundingId).setParameter(2, organizationId).setParameter(3, amountMinor)
                        .setParameter(4, ledger.currency()).setParameter(5, reference).setParameter(6, adminId)
                        .setParameter(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate()))
                .chain(() -> ledger.post(Posting.transfer(PostingKind.FUNDING, Posting.Cause.funding(fundingId),
                        "Deposit " + reference, AccountRef.platform(LedgerKind.PLATFORM_DEPOSITS), AccountRef.lab(organizationId),
                        amountMinor)))
                .chain(() -> events.labFunded(LabFunded.newBuilder().setOrganizationId(organizationId.toString())
                        .setFundingId(fundingId.toString()).setAmountMinor(amountMinor).setCurrency(ledger.currency())
                        .setReference(reference).setAdminId(adminId.toString()).setFundedAt(PayoutEvents.timestamp(now)).build()))
                .chain(() -> ledger.balance(AccountRef.lab(organizationId)))
                .map(balance -> new FundingView(fundingId, organizationId, new Money(amountMinor, ledger.currency()), reference,
                        new Money(balance, ledger.currency()), adminId, now));
    }

    private static Uni<Boolean> organizationExists(UUID organizationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from organization where id = ?1", Long.class)
                .setParameter(1, organizationId).getSingleResult()).map(count -> count > 0);
    }

    /** From LabMemberRegistered: the organization becomes fundable. Idempotent; a later name wins. */
    public static Uni<Void> recordOrganization(UUID organizationId, String name) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into organization (id, name) values (?1, ?2) "
                        + "on conflict (id) do update set name = excluded.name where excluded.name <> ''")
                .setParameter(1, organizationId).setParameter(2, name == null ? "" : name).executeUpdate()).replaceWithVoid();
    }
}
