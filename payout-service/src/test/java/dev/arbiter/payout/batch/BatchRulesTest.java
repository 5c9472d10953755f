package dev.arbiter.payout.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.batch.service.LineStatus;
import dev.arbiter.payout.batch.service.PayoutSelection;
import dev.arbiter.payout.batch.service.SettlementPlan;
import dev.arbiter.payout.batch.service.SettlementPlan.Instruction;
import dev.arbiter.payout.overcap.service.OverCapRules;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who a batch pays, what a settlement does, and when over-cap time may be decided. */
class BatchRulesTest {

    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void shouldPayExpertsAtOrAboveTheMinimumOnly() {
        assertEquals(List.of(A, C), PayoutSelection.payees(Map.of(A, 5_000L, B, 4_999L, C, 9_000L), 5_000));
        assertEquals(List.of(A), PayoutSelection.payees(Map.of(A, 1L, B, 0L), 0));
        assertEquals(List.of(), PayoutSelection.payees(Map.of(), 5_000));
    }

    @Test
    void shouldMoveOpenLinesLeaveTheSameOutcomeAloneAndRefuseTheOther() {
        Map<UUID, LineStatus> lines = Map.of(A, LineStatus.IN_BATCH, B, LineStatus.PAID, C, LineStatus.FAILED);
        SettlementPlan plan = SettlementPlan.of(lines, List.of(new Instruction(A, "FAILED", "r", "closed"),
                new Instruction(B, "PAID", "r", null), new Instruction(C, "FAILED", "r", "again")));
        assertEquals(List.of(A), plan.moves().stream().map(Instruction::expertId).toList());
        assertEquals(List.of(B, C), plan.unchanged().stream().map(Instruction::expertId).toList());

        ApiProblem conflict = assertThrows(ApiProblem.class, () -> SettlementPlan.of(lines, List.of(new Instruction(B, "FAILED", "r", "x"))));
        assertEquals(409, conflict.status());
        assertEquals("line-already-settled", conflict.type());
    }

    @Test
    void shouldRefuseTheWholeRequestNamingEveryBadLine() {
        Map<UUID, LineStatus> lines = Map.of(A, LineStatus.IN_BATCH, B, LineStatus.IN_BATCH);
        UUID stranger = UUID.randomUUID();
        ApiProblem problem = assertThrows(ApiProblem.class, () -> SettlementPlan.of(lines, List.of(
                new Instruction(A, "PAID", "ok", null), new Instruction(stranger, "PAID", "x", null),
                new Instruction(B, "FAILED", "", null))));
        assertEquals(400, problem.status());
        List<String> fields = violations(problem).stream().map(Violation::field).toList();
        assertEquals(List.of("lines", "lines[1].expertId", "lines[2].reference", "lines[2].reason"), fields);
        assertTrue(violations(problem).get(1).message().contains(stranger.toString()));

        assertEquals(List.of("lines[1].expertId", "lines[1].status"), violations(assertThrows(ApiProblem.class, () -> SettlementPlan.of(lines,
                List.of(new Instruction(A, "PAID", "r", null), new Instruction(A, "SENT", "r", null))))).stream().map(Violation::field).toList());
        assertEquals(400, assertThrows(ApiProblem.class, () -> SettlementPlan.of(lines, List.of())).status());
    }

    @Test
    void shouldDecideOverCapTimeOnceWhileTheLinesMoneyHasNotLeft() {
        OverCapRules.check("AWAITING_APPROVAL", false, "PENDING", true);
        OverCapRules.check("AWAITING_APPROVAL", false, "HELD", true);
        OverCapRules.check("AWAITING_APPROVAL", false, "PAYABLE", true);
        OverCapRules.check("AWAITING_APPROVAL", false, "PAID", false);
        assertEquals("line-not-accruable", assertThrows(ApiProblem.class,
                () -> OverCapRules.check("AWAITING_APPROVAL", false, "IN_BATCH", true)).type());
        assertEquals("line-not-accruable", assertThrows(ApiProblem.class,
                () -> OverCapRules.check("AWAITING_APPROVAL", false, "FORFEITED", true)).type());
        assertEquals("over-cap-decided", assertThrows(ApiProblem.class,
                () -> OverCapRules.check("APPROVED", true, "PAYABLE", false)).type());
        assertEquals("no-over-cap-time", assertThrows(ApiProblem.class,
                () -> OverCapRules.check("NONE", false, "PAYABLE", true)).type());
    }

    @SuppressWarnings("unchecked")
    static List<Violation> violations(ApiProblem problem) {
        return (List<Violation>) problem.extensions().get("violations");
    }
}
