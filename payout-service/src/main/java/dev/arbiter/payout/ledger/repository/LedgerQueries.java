package dev.arbiter.payout.ledger.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Read-side SQL over the ledger: balances are sums of entries, computed where the entries are. */
@ApplicationScoped
public class LedgerQueries {

    /** Rows of (kind, balance in minor units) for each of the expert's accounts. */
    public Uni<List<Object[]>> balancesOf(UUID expertId) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select a.kind, coalesce(sum(e.amount_minor), 0) from ledger_account a "
                                + "left join ledger_entry e on e.account_id = a.id where a.expert_id = ?1 group by a.kind")
                .setParameter(1, expertId).getResultList());
    }

    /** The expert's latest entries: (created_at, kind, amount_minor, currency, transaction_id, description). */
    public Uni<List<Object[]>> recentEntriesOf(UUID expertId, int limit) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select t.created_at, a.kind, e.amount_minor, e.currency, t.id, t.description from ledger_entry e "
                                + "join ledger_account a on a.id = e.account_id join ledger_transaction t on t.id = e.transaction_id "
                                + "where a.expert_id = ?1 order by e.id desc limit ?2")
                .setParameter(1, expertId).setParameter(2, limit).getResultList());
    }

    /** Transactions whose entries do not sum to zero per currency: (transaction_id, currency, sum). */
    public Uni<List<Object[]>> unbalancedTransactions() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select transaction_id, currency, sum(amount_minor) from ledger_entry "
                                + "group by transaction_id, currency having sum(amount_minor) <> 0")
                .getResultList());
    }

    /** Expert accounts with a negative balance: (account_id, kind, balance). */
    public Uni<List<Object[]>> negativeExpertBalances() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select a.id, a.kind, sum(e.amount_minor) from ledger_account a join ledger_entry e on e.account_id = a.id "
                                + "where a.expert_id is not null group by a.id, a.kind having sum(e.amount_minor) < 0")
                .getResultList());
    }

    /** (transactions, entries) counted in one statement. */
    public Uni<Object[]> counts() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                "select (select count(*) from ledger_transaction), (select count(*) from ledger_entry)").getSingleResult());
    }
}
