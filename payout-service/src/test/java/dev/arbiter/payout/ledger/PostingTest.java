package dev.arbiter.payout.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingTest {

    private static final Posting.Cause CAUSE = Posting.Cause.job(UUID.randomUUID());
    private static final AccountRef LAB = AccountRef.lab(UUID.randomUUID());
    private static final AccountRef JOB = AccountRef.reservation(UUID.randomUUID());
    private static final AccountRef CLEARING = AccountRef.platform(LedgerKind.PLATFORM_CLEARING);

    @Test
    void shouldAcceptLegsThatSumToZero() {
        Posting posting = new Posting(PostingKind.ACCRUAL, CAUSE, "split",
                List.of(new Posting.Leg(JOB, -70), new Posting.Leg(CLEARING, -30),
                        new Posting.Leg(AccountRef.expert(LedgerKind.EXPERT_PENDING, UUID.randomUUID()), 100)));
        assertEquals(3, posting.legs().size());
    }

    @Test
    void shouldRefuseAPostingThatDoesNotBalance() {
        assertThrows(IllegalArgumentException.class, () -> new Posting(PostingKind.RESERVATION, CAUSE, "off by one",
                List.of(new Posting.Leg(LAB, -100), new Posting.Leg(JOB, 99))));
    }

    @Test
    void shouldRefuseOneLegAZeroLegOrANonPositiveTransfer() {
        assertThrows(IllegalArgumentException.class, () -> new Posting(PostingKind.RESERVATION, CAUSE, "one leg",
                List.of(new Posting.Leg(LAB, 0))));
        assertThrows(IllegalArgumentException.class, () -> new Posting(PostingKind.RESERVATION, CAUSE, "one leg",
                List.of(new Posting.Leg(LAB, 5))));
        assertThrows(IllegalArgumentException.class, () -> Posting.transfer(PostingKind.RESERVATION, CAUSE, "nothing", LAB, JOB, 0));
        assertThrows(IllegalArgumentException.class, () -> Posting.transfer(PostingKind.RESERVATION, CAUSE, "backwards", LAB, JOB, -5));
    }

    @Test
    void shouldRefuseAPostingWithoutACauseOrDescription() {
        assertThrows(IllegalArgumentException.class, () -> new Posting.Cause(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> Posting.transfer(PostingKind.RESERVATION, CAUSE, " ", LAB, JOB, 5));
    }

    @Test
    void shouldRefuseAnOverflowingSumInsteadOfWrappingAround() {
        assertThrows(ArithmeticException.class, () -> new Posting(PostingKind.ACCRUAL, CAUSE, "overflow",
                List.of(new Posting.Leg(LAB, Long.MAX_VALUE), new Posting.Leg(JOB, Long.MAX_VALUE), new Posting.Leg(CLEARING, 2))));
    }

    @Test
    void shouldTieEachKindToItsOwner() {
        assertThrows(IllegalArgumentException.class, () -> new AccountRef(LedgerKind.PLATFORM_CLEARING, UUID.randomUUID()));
        assertThrows(IllegalArgumentException.class, () -> new AccountRef(LedgerKind.LAB_BALANCE, null));
        assertThrows(IllegalArgumentException.class, () -> AccountRef.expert(LedgerKind.JOB_RESERVATION, UUID.randomUUID()));
    }
}
