package dev.arbiter.task.session.model;

import java.util.List;

/**
 * What re-reading a session's log found: {@code alteredBatches} are the batches whose stored events
 * no longer hash to the value written at receipt; {@code digestMatches} says whether the chain over
 * the stored batches still ends at the session's digest (it also catches batches removed, added or
 * re-hashed). {@code intact} only when both hold.
 */
public record Integrity(boolean intact, List<Integer> alteredBatches, boolean digestMatches) {
}
