package dev.arbiter.qualification.similarity;

import dev.arbiter.qualification.question.model.QuestionStatus;

/**
 * The SQL that finds the earlier questions a new prompt may duplicate, by index (migration V7): those sharing
 * at least one MinHash band key ({@link DuplicateBands}, scoped by domain and numbers), the most shared keys
 * first; domain and numbers are checked again in case two scopes' keys ever collide. One place for it, so that
 * the service and the {@code duplicates} benchmark run the same statements. Parameters are ordinal
 * ({@code ?1}…); each statement lists what they are.
 */
public final class DuplicateLookup {

    /** Questions that are not duplicates themselves, word for word the predicate of V6's and V7's partial indexes. */
    static final String COMPARABLE = "q.status <> '" + QuestionStatus.DUPLICATE.name() + "'";

    /**
     * Tells the planner, for the rest of the transaction, not to read the whole table: it estimates that an
     * overlap with 96 keys matches over a third of the rows (its default for array elements it has no
     * statistics of), where the keys are nearly unique and the index returns a handful. Run before
     * {@link #CANDIDATES}, in the same transaction.
     */
    public static final String USE_THE_INDEX = "select cast(set_config('enable_seqscan', 'off', true) as text)";

    /**
     * id, author_id, prompt of candidates: ?1 domain, ?2 number key, ?3 band keys as an array literal
     * ({@link DuplicateBands#literal}), ?4 limit. The literal is declared text first: the reactive client binds
     * a parameter as the type the server infers for it, and would refuse a string for {@code bigint[]}.
     */
    public static final String CANDIDATES = "select q.id, q.author_id, q.prompt from question q where " + COMPARABLE
            + " and q.duplicate_bands && cast(cast(?3 as text) as bigint[]) and q.domain = ?1 and q.number_key = ?2"
            + " order by (select count(*) from unnest(q.duplicate_bands) b where b = any(cast(cast(?3 as text) as bigint[]))) desc,"
            + " q.created_at limit ?4";

    /** The same for a prompt without content words, compared by its numbers: ?1 domain, ?2 number key, ?3 limit. */
    public static final String BARE_CANDIDATES = "select q.id, q.author_id, q.prompt from question q where " + COMPARABLE
            + " and q.similarity_key = '' and q.domain = ?1 and q.number_key = ?2 order by q.created_at limit ?3";

    private DuplicateLookup() {
    }
}
