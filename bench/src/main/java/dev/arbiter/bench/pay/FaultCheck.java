package dev.arbiter.bench.pay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.StackTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** After the crash: exactly once, the formula's amounts, balanced books, and lines that add up to balances. */
final class FaultCheck {

    record Outcome(long lines, boolean amountsRight, boolean balanced, long transactions, String discrepancies,
                   int experts, int expertsMatching) {
        boolean ok() {
            return amountsRight && balanced && expertsMatching == experts;
        }
    }

    private final StackTarget target;
    private final PaySetup setup;

    FaultCheck(StackTarget target, PaySetup setup) {
        this.target = target;
        this.setup = setup;
    }

    Outcome check(UUID job, List<SessionStream.Sent> sessions) throws Exception {
        Map<UUID, Long> expected = new HashMap<>();
        Set<UUID> experts = new HashSet<>();
        sessions.forEach(s -> {
            expected.put(s.sessionId(), s.amountMinor());
            experts.add(s.expertId());
        });
        long lines = 0;
        boolean amountsRight = true;
        int matching = 0;
        try (Connection db = target.connect("payouts")) {
            try (PreparedStatement q = db.prepareStatement("select session_id, amount_minor from session_pay where job_id = ?::uuid")) {
                q.setString(1, job.toString());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        lines++;
                        Long want = expected.get(rs.getObject(1, UUID.class));
                        amountsRight &= want != null && want == rs.getLong(2);
                    }
                }
            }
            amountsRight &= lines == sessions.size();
            // every expert: the lines not forfeited and not awaiting an over-cap approval = the stage accounts' balances
            try (PreparedStatement q = db.prepareStatement("select (select coalesce(sum(amount_minor), 0) from session_pay "
                    + "where expert_id = ?::uuid and stage <> 'FORFEITED'), (select coalesce(sum(balance_minor), 0) from "
                    + "ledger_account where expert_id = ?::uuid), (select coalesce(sum(e.amount_minor), 0) from ledger_entry e "
                    + "join ledger_account a on a.id = e.account_id where a.expert_id = ?::uuid)")) {
                for (UUID expert : experts) {
                    q.setString(1, expert.toString());
                    q.setString(2, expert.toString());
                    q.setString(3, expert.toString());
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == rs.getLong(2) && rs.getLong(2) == rs.getLong(3)) {
                            matching++;
                        }
                    }
                }
            }
        }
        JsonNode verify = new JsonHttp().get(target.gatewayUrl() + "/api/admin/ledger/verify", setup.adminToken()).expect(200).json();
        return new Outcome(lines, amountsRight, verify.path("balanced").asBoolean(false), verify.path("transactions").asLong(),
                verify.path("discrepancies").toString(), experts.size(), matching);
    }
}
