package dev.arbiter.payout.ledger.service;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.platform.terms.PlatformTerms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one way money moves: {@link #post} writes a balanced {@link Posting} as a ledger transaction and its
 * entries, inside the caller's transaction. The database maintains each account's stored balance from the
 * entries and refuses, at once, a balance that must not go negative, and at commit a transaction that does not
 * balance; the Java checks come first so that a bug fails with a message, not a constraint name.
 */
@ApplicationScoped
public class Ledger {

    private static final String INSERT_ENTRY = "insert into ledger_entry (transaction_id, account_id, amount_minor, currency) "
            + "values (?1, ?2, ?3, ?4)";

    /** Experts per ledger transaction in {@link #postExpertTransfers}. */
    static final int TRANSFERS_PER_TRANSACTION = 100;
    private static final String OPEN_EXPERT_ACCOUNTS = "insert into ledger_account (id, kind, currency, expert_id) "
            + "select gen_random_uuid(), k.kind, ?1, e.expert_id from unnest(cast(string_to_array(?2, ',') as uuid[])) as e(expert_id) "
            + "cross join (values (?3), (?4)) as k(kind) on conflict do nothing";
    /** Both legs of every expert's transfer, in account-id order (one lock order for every writer). */
    private static final String INSERT_EXPERT_ENTRIES = "insert into ledger_entry (transaction_id, account_id, amount_minor, currency) "
            + "select ?1, a.id, case when a.kind = ?5 then -t.amount else t.amount end, ?2 "
            + "from unnest(cast(string_to_array(?3, ',') as uuid[]), cast(string_to_array(?4, ',') as bigint[])) as t(expert_id, amount) "
            + "join ledger_account a on a.expert_id = t.expert_id and a.currency = ?2 and a.kind in (?5, ?6) order by a.id";

    private final String currency;

    public Ledger(PlatformTerms terms) {
        this.currency = terms.currency();
    }

    public String currency() {
        return currency;
    }

    /** Writes the posting; the transaction's id. Accounts that do not exist yet are opened. */
    public Uni<UUID> post(Posting posting) {
        UUID transactionId = UUID.randomUUID();
        return resolveAll(posting.legs())
                .chain(accountIds -> insertTransaction(transactionId, posting)
                        .chain(() -> insertEntries(transactionId, posting.legs(), accountIds)))
                .replaceWith(transactionId);
    }

    /**
     * The same move for many experts at once: each amount (> 0) leaves the expert's {@code from} account and arrives
     * on their {@code to} account. Written as one balanced transaction per {@value #TRANSFERS_PER_TRANSACTION}
     * experts (the database's balance check reads a transaction's entries once per entry, so a transaction stays
     * small) in four statements each, whatever the number; accounts that do not exist yet are opened. How many
     * ledger transactions it wrote.
     */
    public Uni<Integer> postExpertTransfers(PostingKind kind, Posting.Cause cause, String description, LedgerKind from,
                                            LedgerKind to, List<UUID> experts, List<Long> amounts) {
        if (from.owner() != LedgerKind.Owner.EXPERT || to.owner() != LedgerKind.Owner.EXPERT || from == to) {
            throw new IllegalArgumentException("an expert transfer moves between two of an expert's accounts, not " + from + " and " + to);
        }
        if (experts.size() != amounts.size() || Set.copyOf(experts).size() != experts.size()) {
            throw new IllegalArgumentException("one amount for each of distinct experts");
        }
        for (long amount : amounts) {
            if (amount <= 0) {
                throw new IllegalArgumentException("a transfer moves a positive amount, not " + amount);
            }
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (int start = 0; start < experts.size(); start += TRANSFERS_PER_TRANSACTION) {
            int end = Math.min(experts.size(), start + TRANSFERS_PER_TRANSACTION);
            String ids = String.join(",", experts.subList(start, end).stream().map(UUID::toString).toList());
            String sums = String.join(",", amounts.subList(start, end).stream().map(String::valueOf).toList());
            int legs = 2 * (end - start);
            chain = chain.chain(written -> session().chain(s -> s.createNativeQuery(OPEN_EXPERT_ACCOUNTS)
                            .setParameter(1, currency).setParameter(2, ids).setParameter(3, from.name())
                            .setParameter(4, to.name()).executeUpdate())
                    .chain(() -> {
                        UUID transactionId = UUID.randomUUID();
                        return insertTransaction(transactionId, kind, cause, description)
                                .chain(() -> session().chain(s -> s.createNativeQuery(INSERT_EXPERT_ENTRIES)
                                        .setParameter(1, transactionId).setParameter(2, currency).setParameter(3, ids)
                                        .setParameter(4, sums).setParameter(5, from.name()).setParameter(6, to.name())
                                        .executeUpdate()))
                                .invoke(inserted -> {
                                    if (inserted != legs) {
                                        throw new IllegalStateException("an expert transfer wrote " + inserted + " of its "
                                                + legs + " entries");
                                    }
                                });
                    })
                    .replaceWith(written + 1));
        }
        return chain;
    }

    /** The account's id, opening it when it does not exist (a concurrent opener's row wins, both see one). */
    public Uni<UUID> account(AccountRef ref) {
        return findAccount(ref).chain(found -> found != null ? Uni.createFrom().item(found)
                : session().chain(s -> {
                    var insert = s.createNativeQuery(insertAccountSql(ref))
                            .setParameter(1, UUID.randomUUID()).setParameter(2, ref.kind().name()).setParameter(3, currency);
                    if (ref.owner() != null) {
                        insert.setParameter(4, ref.owner());
                    }
                    return insert.executeUpdate();
                }).chain(() -> findAccount(ref)));
    }

    /** The account's stored balance, its row locked until the transaction ends (so that a split decided on it holds). */
    public Uni<Long> balanceForUpdate(AccountRef ref) {
        return account(ref).chain(id -> session().chain(s -> s.createNativeQuery(
                        "select balance_minor from ledger_account where id = ?1 for update", Long.class)
                .setParameter(1, id).getSingleResult()));
    }

    /** The account's stored balance, 0 for an account never opened. */
    public Uni<Long> balance(AccountRef ref) {
        return findAccount(ref).chain(id -> id == null ? Uni.createFrom().item(0L)
                : session().chain(s -> s.createNativeQuery("select balance_minor from ledger_account where id = ?1", Long.class)
                        .setParameter(1, id).getSingleResult()));
    }

    private Uni<UUID> findAccount(AccountRef ref) {
        String column = ref.kind().owner().column();
        String owner = column == null ? "expert_id is null and organization_id is null and job_id is null" : column + " = ?3";
        String sql = "select id from ledger_account where kind = ?1 and currency = ?2 and " + owner;
        return session().chain(s -> {
            var query = s.createNativeQuery(sql, UUID.class).setParameter(1, ref.kind().name()).setParameter(2, currency);
            if (ref.owner() != null) {
                query.setParameter(3, ref.owner());
            }
            return query.getResultList();
        }).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    private static String insertAccountSql(AccountRef ref) {
        String column = ref.kind().owner().column();
        return column == null
                ? "insert into ledger_account (id, kind, currency) values (?1, ?2, ?3) on conflict do nothing"
                : "insert into ledger_account (id, kind, currency, " + column + ") values (?1, ?2, ?3, ?4) on conflict do nothing";
    }

    private Uni<List<UUID>> resolveAll(List<Posting.Leg> legs) {
        return Multi.createFrom().iterable(legs).onItem().transformToUniAndConcatenate(leg -> account(leg.account()))
                .collect().asList();
    }

    private Uni<Integer> insertTransaction(UUID id, Posting posting) {
        return insertTransaction(id, posting.kind(), posting.cause(), posting.description());
    }

    private Uni<Integer> insertTransaction(UUID id, PostingKind kind, Posting.Cause cause, String description) {
        List<String> columns = new ArrayList<>(List.of("id", "kind", "description"));
        List<Object> values = new ArrayList<>(List.of(id, kind.name(), description));
        addCause(columns, values, "session_id", cause.sessionId());
        addCause(columns, values, "batch_id", cause.batchId());
        addCause(columns, values, "funding_id", cause.fundingId());
        addCause(columns, values, "job_id", cause.jobId());
        StringBuilder placeholders = new StringBuilder();
        for (int i = 1; i <= values.size(); i++) {
            placeholders.append(i == 1 ? "" : ", ").append('?').append(i);
        }
        String sql = "insert into ledger_transaction (" + String.join(", ", columns) + ") values (" + placeholders + ")";
        return session().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.executeUpdate();
        });
    }

    private static void addCause(List<String> columns, List<Object> values, String column, UUID value) {
        if (value != null) {
            columns.add(column);
            values.add(value);
        }
    }

    /** Entries in account-id order, so that two transactions touching the same accounts lock them in one order. */
    private Uni<Void> insertEntries(UUID transactionId, List<Posting.Leg> legs, List<UUID> accountIds) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(accountIds::get));
        return Multi.createFrom().iterable(order)
                .onItem().transformToUniAndConcatenate(i -> session().chain(s -> s.createNativeQuery(INSERT_ENTRY)
                        .setParameter(1, transactionId).setParameter(2, accountIds.get(i))
                        .setParameter(3, legs.get(i).amountMinor()).setParameter(4, currency).executeUpdate()))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
