package dev.arbiter.payout.ledger.service;

import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.repository.ExpertPayeeRepository;
import dev.arbiter.payout.ledger.repository.LedgerQueries;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.terms.PlatformTerms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The expert side of the ledger: opening accounts, reading balances, verifying the books. */
@ApplicationScoped
public class LedgerService {

    /** Payees from a JSON array of {expert_id, email, display_name}; the first of an expert named twice wins. */
    private static final String OPEN_PAYEES = "insert into expert_payee (expert_id, email, display_name, currency) "
            + "select r.expert_id, r.email, r.display_name, ?2 from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) "
            + "as r(expert_id uuid, email text, display_name text) on conflict (expert_id) do nothing";
    /** One row per pay stage and expert: (id, expert, kind, currency). */
    private static final String OPEN_ACCOUNTS = "insert into ledger_account (id, expert_id, kind, currency) "
            + "select gen_random_uuid(), r.expert_id, k.kind, ?2 from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as r(expert_id uuid) "
            + "cross join (values " + LedgerKind.EXPERT_KINDS.stream().map(kind -> "('" + kind.name() + "')")
                    .collect(Collectors.joining(", "))
            + ") as k(kind) on conflict do nothing";

    private final ExpertPayeeRepository payees;
    private final LedgerQueries queries;
    private final PlatformTerms terms;

    public LedgerService(ExpertPayeeRepository payees, LedgerQueries queries,
                         PlatformTerms terms) {
        this.payees = payees;
        this.queries = queries;
        this.terms = terms;
    }

    /**
     * Opens the expert's payee record and one ledger account per pay stage, in two statements.
     * Runs inside the inbox's transaction; an expert already known (an event replayed, or the same
     * expert announced twice) is left as is: the primary and unique keys make both inserts no-ops.
     */
    public Uni<Void> openExpertAccounts(UUID expertId, String email, String displayName) {
        return openExpertAccounts(List.of(new NewPayee(expertId, email, displayName)));
    }

    /**
     * {@link #openExpertAccounts(UUID, String, String)} for many experts at once, in the same two statements (a poll's
     * registrations, in the inbox's transaction); an expert named twice is opened once, with the first one's details.
     */
    public Uni<Void> openExpertAccounts(List<NewPayee> experts) {
        JsonArray rows = new JsonArray();
        for (NewPayee expert : experts) {
            rows.add(new JsonObject().put("expert_id", expert.expertId().toString()).put("email", expert.email())
                    .put("display_name", expert.displayName()));
        }
        String json = rows.encode();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OPEN_PAYEES)
                        .setParameter(1, json).setParameter(2, terms.currency())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(OPEN_ACCOUNTS)
                                .setParameter(1, json).setParameter(2, terms.currency())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** An expert to open accounts for, as marketplace-api announced them. */
    public record NewPayee(UUID expertId, String email, String displayName) {
    }

    @WithSession
    public Uni<ExpertBalances> balancesOf(UUID expertId) {
        return payees.findById(expertId)
                .onItem().ifNull().failWith(() -> new ApiProblem(404, "payee-not-open", "Not found",
                        "No ledger account is open for you yet; it opens moments after registration"))
                .chain(payee -> queries.balancesOf(expertId).chain(rows -> queries.recentEntriesOf(expertId, 100)
                        .map(entries -> toBalances(payee.currency, rows, entries))));
    }

    private static ExpertBalances toBalances(String currency, List<Object[]> balanceRows, List<Object[]> entryRows) {
        Map<LedgerKind, Long> balances = new EnumMap<>(LedgerKind.class);
        for (Object[] row : balanceRows) {
            balances.put(LedgerKind.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        List<ExpertBalances.Entry> entries = new ArrayList<>();
        for (Object[] row : entryRows) {
            entries.add(new ExpertBalances.Entry(toInstant(row[0]), (String) row[1],
                    new Money(((Number) row[2]).longValue(), ((String) row[3]).trim()), (UUID) row[4], (String) row[5]));
        }
        return new ExpertBalances(currency,
                new Money(balances.getOrDefault(LedgerKind.EXPERT_PENDING, 0L), currency),
                new Money(balances.getOrDefault(LedgerKind.EXPERT_HELD, 0L), currency),
                new Money(balances.getOrDefault(LedgerKind.EXPERT_PAYABLE, 0L), currency),
                new Money(balances.getOrDefault(LedgerKind.EXPERT_IN_BATCH, 0L), currency),
                new Money(balances.getOrDefault(LedgerKind.EXPERT_PAID, 0L), currency),
                entries);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return value instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC) : null;
    }

    @WithSession
    public Uni<LedgerVerification> verify() {
        return queries.unbalancedTransactions().chain(unbalanced -> queries.forbiddenNegatives()
                .chain(negative -> queries.storedBalanceMismatches().chain(mismatched -> queries.trialBalanceOffsets()
                .chain(trial -> queries.counts().map(counts -> {
                    List<String> discrepancies = new ArrayList<>();
                    for (Object[] row : unbalanced) {
                        discrepancies.add("transaction " + row[0] + " is off by " + row[2] + " " + row[1]);
                    }
                    for (Object[] row : trial) {
                        discrepancies.add("the trial balance in " + row[0] + " is off by " + row[1]);
                    }
                    for (Object[] row : negative) {
                        discrepancies.add("account " + row[0] + " (" + row[1] + ") is negative: " + row[2]);
                    }
                    for (Object[] row : mismatched) {
                        discrepancies.add("account " + row[0] + " (" + row[1] + ") stores " + row[2] + " but its entries sum to " + row[3]);
                    }
                    return new LedgerVerification(discrepancies.isEmpty(), ((Number) counts[0]).longValue(),
                            ((Number) counts[1]).longValue(), discrepancies);
                })))));
    }

    /** One page of an account's entries (limit already bounded by the resource); 404 for an unknown account. */
    @WithSession
    public Uni<AccountEntries> entriesOf(UUID accountId, long before, int limit) {
        return queries.account(accountId).chain(accounts -> {
            if (accounts.isEmpty()) {
                return Uni.createFrom().failure(ApiProblem.notFound("Account", accountId));
            }
            Object[] account = accounts.get(0);
            String currency = ((String) account[2]).trim();
            return queries.entriesOf(accountId, before, limit).map(rows -> {
                List<AccountEntries.Entry> entries = new ArrayList<>();
                for (Object[] r : rows) {
                    entries.add(new AccountEntries.Entry(((Number) r[0]).longValue(), toInstant(r[1]),
                            new Money(((Number) r[2]).longValue(), ((String) r[3]).trim()), (UUID) r[4], (String) r[5],
                            (String) r[6], (UUID) r[7], (UUID) r[8], (UUID) r[9], (UUID) r[10]));
                }
                Long next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
                return new AccountEntries(accountId, (String) account[0], new Money(((Number) account[1]).longValue(), currency),
                        entries, next);
            });
        });
    }
}
