package dev.arbiter.payout.batch.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a settlement request does to a batch, decided before anything moves: every instruction is checked first
 * (a bad one refuses the whole request, naming each problem), a line already settled the same way is left alone
 * (a retried settlement pays nobody twice), one settled the other way is a conflict. Pure.
 */
public record SettlementPlan(List<Instruction> moves, List<Instruction> unchanged) {

    public static final int MAX_REFERENCE = 200;
    public static final int MAX_REASON = 1000;

    /** One line of the request: the payee, PAID or FAILED, the provider's reference, why it failed. */
    public record Instruction(UUID expertId, String status, String reference, String reason) {
        public LineStatus outcome() {
            return LineStatus.valueOf(status);
        }
    }

    /** {@code lines}: the batch's lines, payee → status. */
    public static SettlementPlan of(Map<UUID, LineStatus> lines, List<Instruction> instructions) {
        List<Violation> violations = new ArrayList<>();
        if (instructions == null || instructions.isEmpty()) {
            throw ApiProblem.validation("lines", "must name at least one of the batch's payees");
        }
        if (instructions.size() > lines.size()) {
            violations.add(new Violation("lines", "must have at most " + lines.size() + " lines (the batch's payees), not "
                    + instructions.size()));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < instructions.size(); i++) {
            check("lines[" + i + "]", instructions.get(i), lines, seen, violations);
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        List<Instruction> moves = new ArrayList<>();
        List<Instruction> unchanged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Instruction instruction : instructions) {
            LineStatus current = lines.get(instruction.expertId());
            if (!current.settled()) {
                moves.add(instruction);
            } else if (current == instruction.outcome()) {
                unchanged.add(instruction);
            } else {
                conflicts.add(instruction.expertId() + " is already " + current);
            }
        }
        if (!conflicts.isEmpty()) {
            throw ApiProblem.conflict("line-already-settled", "A settled line is never settled again: "
                    + String.join("; ", conflicts)).with("lines", conflicts);
        }
        return new SettlementPlan(moves, unchanged);
    }

    private static void check(String at, Instruction line, Map<UUID, LineStatus> lines, Set<UUID> seen,
                              List<Violation> violations) {
        if (line == null) {
            violations.add(new Violation(at, "is required"));
            return;
        }
        if (line.expertId() == null) {
            violations.add(new Violation(at + ".expertId", "is required"));
        } else if (!lines.containsKey(line.expertId())) {
            violations.add(new Violation(at + ".expertId", "expert " + line.expertId() + " is not a payee of this batch"));
        } else if (!seen.add(line.expertId())) {
            violations.add(new Violation(at + ".expertId", "expert " + line.expertId() + " appears more than once"));
        }
        boolean failed = "FAILED".equals(line.status());
        if (!"PAID".equals(line.status()) && !failed) {
            violations.add(Violation.oneOf(at + ".status", List.of("PAID", "FAILED")));
        }
        if (line.reference() == null || line.reference().isBlank() || line.reference().length() > MAX_REFERENCE) {
            violations.add(new Violation(at + ".reference", "must be 1 to " + MAX_REFERENCE + " characters: the provider's reference"));
        }
        if (line.reason() != null && line.reason().length() > MAX_REASON) {
            violations.add(new Violation(at + ".reason", "must be at most " + MAX_REASON + " characters"));
        } else if (failed && (line.reason() == null || line.reason().isBlank())) {
            violations.add(new Violation(at + ".reason", "is required for a FAILED line: why the provider failed it"));
        }
    }
}
