package dev.arbiter.payout.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.payout.pay.service.BudgetCheck;
import dev.arbiter.payout.pay.service.PayStage;
import dev.arbiter.payout.pay.service.StageRules;
import dev.arbiter.payout.pay.service.StageRules.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StageRulesTest {

    @Test
    void shouldStartAFinalisedSessionInTheRightStage() {
        assertEquals(PayStage.HELD, StageRules.onAccrual(true, true));
        assertEquals(PayStage.HELD, StageRules.onAccrual(true, false));
        assertEquals(PayStage.PAYABLE, StageRules.onAccrual(false, true));
        assertEquals(PayStage.PENDING, StageRules.onAccrual(false, false));
    }

    @Test
    void shouldCountAReviewSessionAndAnAcceptOrRejectAsDecided() {
        assertEquals(true, StageRules.decided(true, null));
        assertEquals(true, StageRules.decided(false, Decision.ACCEPT));
        assertEquals(true, StageRules.decided(false, Decision.REJECT));
        assertEquals(false, StageRules.decided(false, Decision.REVISE));
        assertEquals(false, StageRules.decided(false, null));
    }

    @Test
    void shouldMakePendingPayPayableOnAcceptOrRejectOnly() {
        assertEquals(PayStage.PAYABLE, StageRules.onDecision(PayStage.PENDING, Decision.ACCEPT));
        assertEquals(PayStage.PAYABLE, StageRules.onDecision(PayStage.PENDING, Decision.REJECT));
        assertEquals(PayStage.PENDING, StageRules.onDecision(PayStage.PENDING, Decision.REVISE));
        assertEquals(PayStage.HELD, StageRules.onDecision(PayStage.HELD, Decision.ACCEPT));
        assertEquals(PayStage.FORFEITED, StageRules.onDecision(PayStage.FORFEITED, Decision.ACCEPT));
    }

    @Test
    void shouldReleaseHeldOrForfeitedPayWhenCleared() {
        assertEquals(PayStage.PENDING, StageRules.onCleared(PayStage.HELD, false));
        assertEquals(PayStage.PAYABLE, StageRules.onCleared(PayStage.HELD, true));
        assertEquals(PayStage.PENDING, StageRules.onCleared(PayStage.FORFEITED, false));
        assertEquals(PayStage.PAYABLE, StageRules.onCleared(PayStage.PAYABLE, false));
    }

    @Test
    void shouldForfeitOnlyPayNotYetPayable() {
        assertEquals(PayStage.FORFEITED, StageRules.onFraudConfirmed(PayStage.HELD));
        assertEquals(PayStage.FORFEITED, StageRules.onFraudConfirmed(PayStage.PENDING));
        assertEquals(PayStage.FORFEITED, StageRules.onFraudConfirmed(PayStage.PAYABLE));
        assertEquals(PayStage.IN_BATCH, StageRules.onFraudConfirmed(PayStage.IN_BATCH));
        assertEquals(PayStage.PAID, StageRules.onFraudConfirmed(PayStage.PAID));
    }

    @Test
    void shouldMakePendingPayPayableAfterTheSetDays() {
        Instant accrued = Instant.parse("2026-11-01T10:00:00Z");
        assertEquals(PayStage.PENDING, StageRules.onAge(PayStage.PENDING, accrued, accrued.plus(Duration.ofDays(14)).minusSeconds(1), 14));
        assertEquals(PayStage.PAYABLE, StageRules.onAge(PayStage.PENDING, accrued, accrued.plus(Duration.ofDays(14)), 14));
        assertEquals(PayStage.HELD, StageRules.onAge(PayStage.HELD, accrued, accrued.plus(Duration.ofDays(40)), 14));
    }

    @Test
    void shouldCallAJobExhaustedWhenItsReservationCannotCoverLiveSessionsAndOneMore() {
        long worst = BudgetCheck.worstCaseMinor(BudgetCheck.capSeconds(10), 3600, 15_000);
        assertEquals(1_800, worst);
        assertEquals(false, BudgetCheck.exhausted(1_800, 0, worst));
        assertEquals(true, BudgetCheck.exhausted(1_799, 0, worst));
        assertEquals(false, BudgetCheck.exhausted(5_400, 2, worst));
        assertEquals(true, BudgetCheck.exhausted(5_400, 3, worst));
        assertEquals(true, BudgetCheck.exhausted(0, 0, 1));
        assertEquals(false, BudgetCheck.exhausted(0, 5, 0));
    }
}
