/** The admin console: flagged sessions and their replay, decisions, appeals, payouts, grants, the ledger. */
import './sessions';
import './money';
