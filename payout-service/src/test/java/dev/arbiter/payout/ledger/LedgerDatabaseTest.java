package dev.arbiter.payout.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.testsupport.ArbiterInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The posting primitive against the real database: what it writes, and what the database itself refuses. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class LedgerDatabaseTest {

    @Inject
    Ledger ledger;

    @Inject
    AgroalDataSource dataSource;

    PayoutTestData data() {
        return new PayoutTestData(dataSource);
    }

    private UUID post(Posting posting) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> ledger.post(posting)));
    }

    @Test
    void shouldWriteABalancedPostingAndKeepEachAccountsStoredBalance() throws Throwable {
        UUID organization = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        long depositsBefore = data().balance("PLATFORM_DEPOSITS", null);
        post(Posting.transfer(PostingKind.FUNDING, Posting.Cause.funding(UUID.randomUUID()), "deposit",
                AccountRef.platform(LedgerKind.PLATFORM_DEPOSITS), AccountRef.lab(organization), 10_000));
        UUID tx = post(Posting.transfer(PostingKind.RESERVATION, Posting.Cause.job(job), "reserve",
                AccountRef.lab(organization), AccountRef.reservation(job), 7_500));

        assertEquals(2_500, data().balance("LAB_BALANCE", organization));
        assertEquals(7_500, data().balance("JOB_RESERVATION", job));
        assertEquals(depositsBefore - 10_000, data().balance("PLATFORM_DEPOSITS", null));
        assertEquals(2, data().count("select count(*) from ledger_entry where transaction_id = ?", tx));
        assertEquals(1, data().count("select count(*) from ledger_transaction where id = ? and job_id = ? and kind = 'RESERVATION'",
                tx, job));
        // One account per (kind, owner): the second posting found the lab's account, it did not open another.
        assertEquals(1, data().count("select count(*) from ledger_account where organization_id = ?", organization));
    }

    @Test
    void shouldRefuseInTheDatabaseABalanceThatMustNotGoNegative() throws Throwable {
        UUID organization = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        post(Posting.transfer(PostingKind.FUNDING, Posting.Cause.funding(UUID.randomUUID()), "deposit",
                AccountRef.platform(LedgerKind.PLATFORM_DEPOSITS), AccountRef.lab(organization), 100));
        Throwable refused = assertThrows(Throwable.class, () -> post(Posting.transfer(PostingKind.RESERVATION,
                Posting.Cause.job(job), "more than there is", AccountRef.lab(organization), AccountRef.reservation(job), 101)));
        assertTrue(String.valueOf(refused.getMessage()).contains("ledger_account_not_negative")
                || causeChain(refused).contains("ledger_account_not_negative"), causeChain(refused));
        assertEquals(100, data().balance("LAB_BALANCE", organization));
        assertEquals(0, data().count("select count(*) from ledger_transaction where job_id = ?", job));

        // The platform's clearing account may go negative: it pays what a reservation cannot.
        post(Posting.transfer(PostingKind.ACCRUAL, Posting.Cause.session(UUID.randomUUID(), job), "shortfall",
                AccountRef.platform(LedgerKind.PLATFORM_CLEARING), AccountRef.expert(LedgerKind.EXPERT_PENDING, UUID.randomUUID()), 40));
    }

    @Test
    void shouldRefuseAnUnbalancedTransactionInTheDatabaseItself() throws Throwable {
        UUID organization = UUID.randomUUID();
        post(Posting.transfer(PostingKind.FUNDING, Posting.Cause.funding(UUID.randomUUID()), "deposit",
                AccountRef.platform(LedgerKind.PLATFORM_DEPOSITS), AccountRef.lab(organization), 100));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID tx = UUID.randomUUID();
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into ledger_transaction (id, kind, description, funding_id) values (?, 'TEST', 'one-sided', ?)")) {
                insert.setObject(1, tx);
                insert.setObject(2, UUID.randomUUID());
                insert.executeUpdate();
            }
            try (PreparedStatement entry = c.prepareStatement("insert into ledger_entry (transaction_id, account_id, amount_minor, currency) "
                    + "select ?, id, 100, 'USD' from ledger_account where organization_id = ?")) {
                entry.setObject(1, tx);
                entry.setObject(2, organization);
                entry.executeUpdate();
            }
            SQLException refused = assertThrows(SQLException.class, c::commit);
            assertEquals("23514", refused.getSQLState());
        }
        assertEquals(100, data().balance("LAB_BALANCE", organization));
    }

    @Test
    void shouldRefuseATransactionThatNamesNoCause() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into ledger_transaction (id, kind, description) values (?, 'TEST', 'no cause')")) {
            insert.setObject(1, UUID.randomUUID());
            assertEquals("23514", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
        }
    }

    @Test
    void shouldKeepEntriesAndTransactionsImmutable() throws Throwable {
        UUID organization = UUID.randomUUID();
        UUID tx = post(Posting.transfer(PostingKind.FUNDING, Posting.Cause.funding(UUID.randomUUID()), "deposit",
                AccountRef.platform(LedgerKind.PLATFORM_DEPOSITS), AccountRef.lab(organization), 100));
        for (String sql : List.of("update ledger_entry set amount_minor = amount_minor * 2 where transaction_id = ?",
                "delete from ledger_entry where transaction_id = ?",
                "update ledger_transaction set description = 'rewritten' where id = ?",
                "delete from ledger_transaction where id = ?")) {
            try (Connection c = dataSource.getConnection(); PreparedStatement change = c.prepareStatement(sql)) {
                change.setObject(1, tx);
                assertEquals("23514", assertThrows(SQLException.class, change::executeUpdate, sql).getSQLState(), sql);
            }
        }
        assertEquals(2, data().count("select count(*) from ledger_entry where transaction_id = ?", tx));
        assertEquals(100, data().balance("LAB_BALANCE", organization));
    }

    private static String causeChain(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null && all.length() < 4000; c = c.getCause()) {
            all.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
