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
                        "select a.kind, a.balance_minor from ledger_account a where a.expert_id = ?1")
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

    /** Accounts that must not go negative but whose entries sum below zero: (account_id, kind, sum). */
    public Uni<List<Object[]>> forbiddenNegatives() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select a.id, a.kind, sum(e.amount_minor) from ledger_account a join ledger_entry e on e.account_id = a.id "
                                + "where a.kind not in ('PLATFORM_CLEARING', 'PLATFORM_DEPOSITS', 'PLATFORM_PAYOUTS') "
                                + "group by a.id, a.kind having sum(e.amount_minor) < 0")
                .getResultList());
    }

    /** Accounts whose stored balance differs from the sum of their entries: (account_id, kind, stored, summed). */
    public Uni<List<Object[]>> storedBalanceMismatches() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select a.id, a.kind, a.balance_minor, coalesce(sum(e.amount_minor), 0) from ledger_account a "
                                + "left join ledger_entry e on e.account_id = a.id group by a.id, a.kind, a.balance_minor "
                                + "having a.balance_minor <> coalesce(sum(e.amount_minor), 0)")
                .getResultList());
    }

    /** Currencies whose entries do not sum to zero across the whole ledger: (currency, sum). */
    public Uni<List<Object[]>> trialBalanceOffsets() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select currency, sum(amount_minor) from ledger_entry group by currency having sum(amount_minor) <> 0")
                .getResultList());
    }

    /** One account's entries, newest first, each with its transaction's kind and cause:
     * (entry_id, created_at, amount, currency, transaction_id, kind, description, session_id, batch_id, funding_id, job_id). */
    public Uni<List<Object[]>> entriesOf(UUID accountId, long beforeEntryId, int limit) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                        "select e.id, t.created_at, e.amount_minor, e.currency, t.id, t.kind, t.description, t.session_id, "
                                + "t.batch_id, t.funding_id, t.job_id from ledger_entry e join ledger_transaction t on t.id = e.transaction_id "
                                + "where e.account_id = ?1 and e.id < ?2 order by e.id desc limit ?3")
                .setParameter(1, accountId).setParameter(2, beforeEntryId).setParameter(3, limit).getResultList());
    }

    /** (kind, balance) of the account, or empty. */
    public Uni<List<Object[]>> account(UUID accountId) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                "select kind, balance_minor, currency from ledger_account where id = ?1").setParameter(1, accountId).getResultList());
    }

    /** (transactions, entries) counted in one statement. */
    public Uni<Object[]> counts() {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                "select (select count(*) from ledger_transaction), (select count(*) from ledger_entry)").getSingleResult());
    }
}
