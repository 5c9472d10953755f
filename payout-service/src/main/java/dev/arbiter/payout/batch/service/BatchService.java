package dev.arbiter.payout.batch.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.arbiter.payout.batch.repository.BatchRepository;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.payline.PayLineNotices;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.proto.payouts.v1.PayStage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payout batches. Creating one takes every payable session line up to the period's end of each expert whose lines
 * reach the minimum payout, moving the money PAYABLE → IN_BATCH (set-based: a few statements per hundred payees,
 * one ledger transaction per hundred, caused by the batch); a second admin approves it; the provider's outcome settles each line: PAID moves IN_BATCH → PAID, FAILED
 * moves it back to PAYABLE for a later batch. Runs inside the caller's transaction (an Idempotency-Key's) except
 * {@link #approve}, which opens its own.
 */
@ApplicationScoped
public class BatchService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchRepository batches;
    private final Ledger ledger;
    private final PayLineNotices notices;
    private final BatchEvents events;
    private final PlatformTerms terms;

    public BatchService(BatchRepository batches, Ledger ledger, PayLineNotices notices, BatchEvents events, PlatformTerms terms) {
        this.batches = batches;
        this.ledger = ledger;
        this.notices = notices;
        this.events = events;
        this.terms = terms;
    }

    public Uni<BatchView> create(LocalDate periodEnd, UUID adminId) {
        UUID batchId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String currency = ledger.currency();
        return batches.lockPayable(periodEnd).chain(locked -> {
            Map<UUID, Long> payable = locked.sums();
            List<UUID> payees = PayoutSelection.payees(payable, terms.minimumPayoutMinor());
            if (payees.isEmpty()) {
                throw ApiProblem.conflict("nothing-payable", "No expert has at least the minimum payout ("
                        + terms.minimumPayoutMinor() + " minor units of " + currency + ") payable for days up to " + periodEnd);
            }
            long total = payees.stream().mapToLong(payable::get).sum();
            String prefix = "ARB-" + batchId.toString().replace("-", "").substring(0, 12).toUpperCase() + "-";
            List<Long> amounts = payees.stream().map(payable::get).toList();
            List<UUID> sessions = payees.stream().flatMap(payee -> locked.sessions().get(payee).stream()).toList();
            return batches.insertBatch(batchId, periodEnd, currency, total, adminId, now)
                    .chain(() -> batches.takeAll(batchId, payees, amounts, sessions, currency, prefix, now))
                    .call(() -> ledger.postExpertTransfers(PostingKind.STAGE_CHANGE, Posting.Cause.batch(batchId),
                            "Payout batch " + batchId + ": payable to batch", LedgerKind.EXPERT_PAYABLE,
                            LedgerKind.EXPERT_IN_BATCH, payees, amounts))
                    .chain(lines -> notices.movedTogether(lines, PayStage.PAY_STAGE_IN_BATCH, currency, now))
                    .chain(() -> events.batchChanged(batchId, BatchStatus.DRAFT, total, currency, payees.size(), adminId, now));
        }).chain(() -> batches.view(batchId));
    }

    /** Four eyes: an admin other than the creator approves a draft. */
    public Uni<BatchView> approve(UUID batchId, UUID adminId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> locked(batchId).chain(batch -> {
            if (batch.createdBy().equals(adminId)) {
                throw new ApiProblem(403, "four-eyes", "Forbidden", "A batch is approved by an admin other than the one who created it");
            }
            if (batch.status() != BatchStatus.DRAFT) {
                throw ApiProblem.conflict("batch-not-draft", "Only a DRAFT batch can be approved; this one is " + batch.status());
            }
            return batches.approve(batchId, adminId, now).chain(() -> batches.view(batchId))
                    .call(view -> events.batchChanged(batchId, BatchStatus.APPROVED, view.total().amountMinor(), view.currency(),
                            view.lines().size(), adminId, now));
        }));
    }

    /** Applies the provider's outcome line by line; every instruction is checked before anything moves. */
    public Uni<BatchView> settle(UUID batchId, UUID adminId, List<SettlementPlan.Instruction> instructions) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return locked(batchId).chain(batch -> {
            if (batch.status() == BatchStatus.DRAFT) {
                throw ApiProblem.conflict("batch-not-approved", "A batch is settled only once a second admin approved it");
            }
            return batches.lines(batchId).chain(lines -> {
                Map<UUID, BatchRepository.LineRow> byExpert = new HashMap<>();
                Map<UUID, LineStatus> statuses = new HashMap<>();
                lines.forEach(l -> {
                    byExpert.put(l.expertId(), l);
                    statuses.put(l.expertId(), l.status());
                });
                SettlementPlan plan = SettlementPlan.of(statuses, instructions);
                return settleAll(batch, byExpert, plan.moves(), LineStatus.PAID, now)
                        .chain(() -> settleAll(batch, byExpert, plan.moves(), LineStatus.FAILED, now))
                        .chain(() -> {
                            long open = lines.stream().filter(l -> !l.status().settled()).count() - plan.moves().size();
                            if (open > 0 || batch.status() == BatchStatus.SETTLED) {
                                return Uni.createFrom().voidItem();
                            }
                            long total = lines.stream().mapToLong(BatchRepository.LineRow::amountMinor).sum();
                            return batches.markSettled(batchId, now).chain(() -> events.batchChanged(batchId, BatchStatus.SETTLED,
                                    total, batch.currency(), lines.size(), adminId, now));
                        });
            });
        }).chain(() -> batches.view(batchId));
    }

    /**
     * The plan's lines with this outcome, together: PAID moves IN_BATCH → PAID, FAILED moves it back to PAYABLE, one
     * ledger transaction per hundred payees; each payee's provider reference is kept on their batch line.
     */
    private Uni<Void> settleAll(BatchRepository.BatchRow batch, Map<UUID, BatchRepository.LineRow> byExpert,
                                List<SettlementPlan.Instruction> moves, LineStatus outcome, Instant now) {
        List<BatchEvents.Settled> settled = moves.stream().filter(move -> move.outcome() == outcome)
                .map(move -> new BatchEvents.Settled(move.expertId(), byExpert.get(move.expertId()).amountMinor(), outcome,
                        move.reference().strip(), outcome == LineStatus.FAILED ? move.reason().strip() : null))
                .toList();
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        boolean paid = outcome == LineStatus.PAID;
        List<UUID> experts = settled.stream().map(BatchEvents.Settled::expertId).toList();
        List<Long> amounts = settled.stream().map(BatchEvents.Settled::amountMinor).toList();
        return batches.settleAll(batch.id(), outcome, experts, settlementJson(settled), now)
                .call(() -> ledger.postExpertTransfers(PostingKind.STAGE_CHANGE, Posting.Cause.batch(batch.id()),
                        "Payout batch " + batch.id() + (paid ? ": paid (the provider's references are on the batch lines)"
                                : ": failed, back to payable"),
                        LedgerKind.EXPERT_IN_BATCH, paid ? LedgerKind.EXPERT_PAID : LedgerKind.EXPERT_PAYABLE, experts, amounts))
                .chain(refs -> notices.movedTogether(refs, paid ? PayStage.PAY_STAGE_PAID : PayStage.PAY_STAGE_PAYABLE,
                        batch.currency(), now))
                .chain(() -> events.linesSettled(batch.id(), settled, batch.currency(), now));
    }

    private static String settlementJson(List<BatchEvents.Settled> settled) {
        ArrayNode lines = JSON.createArrayNode();
        for (BatchEvents.Settled line : settled) {
            lines.addObject().put("expert_id", line.expertId().toString()).put("reference", line.reference())
                    .put("reason", line.reason());
        }
        return lines.toString();
    }

    public Uni<BatchView> view(UUID batchId) {
        return Panache.withSession(() -> batches.view(batchId)).invoke(view -> {
            if (view == null) {
                throw ApiProblem.notFound("Payout batch", batchId);
            }
        });
    }

    public Uni<List<BatchSummary>> list(int limit, int offset) {
        return Panache.withSession(() -> batches.list(limit, offset));
    }

    private Uni<BatchRepository.BatchRow> locked(UUID batchId) {
        return batches.lock(batchId).invoke(batch -> {
            if (batch == null) {
                throw ApiProblem.notFound("Payout batch", batchId);
            }
        });
    }
}
