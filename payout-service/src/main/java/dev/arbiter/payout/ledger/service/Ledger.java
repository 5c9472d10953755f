package dev.arbiter.payout.ledger.service;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.platform.terms.PlatformTerms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        Posting.Cause cause = posting.cause();
        List<String> columns = new ArrayList<>(List.of("id", "kind", "description"));
        List<Object> values = new ArrayList<>(List.of(id, posting.kind().name(), posting.description()));
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
