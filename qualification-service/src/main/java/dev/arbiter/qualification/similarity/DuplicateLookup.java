package dev.arbiter.qualification.similarity;

import dev.arbiter.qualification.question.model.QuestionStatus;

/**
 * The SQL that finds the earlier questions a new prompt may duplicate, by index (migration V6): same domain,
 * same numbers, content-word keys sharing enough trigrams (pg_trgm's {@code %}), most similar first. One
 * place for it, so that the service and the {@code duplicates} benchmark run the same statements. Parameters
 * are ordinal ({@code ?1}…); each statement lists what they are.
 */
public final class DuplicateLookup {

    /** Questions that are not duplicates themselves, word for word the predicate of V6's partial indexes. */
    static final String COMPARABLE = "q.status <> '" + QuestionStatus.DUPLICATE.name() + "'";

    /** Sets pg_trgm's {@code %} threshold for the rest of the transaction: ?1 the floor, as text. */
    public static final String SET_FLOOR = "select cast(set_config('pg_trgm.similarity_threshold', ?1, true) as text)";

    /** id, author_id, prompt of candidates: ?1 domain, ?2 number key, ?3 similarity key, ?4 limit. */
    public static final String CANDIDATES = "select q.id, q.author_id, q.prompt from question q where " + COMPARABLE
            + " and q.domain = ?1 and q.number_key = ?2 and q.similarity_key % ?3"
            + " order by similarity(q.similarity_key, ?3) desc, q.created_at limit ?4";

    /** The same for a prompt without content words, compared by its numbers: ?1 domain, ?2 number key, ?3 limit. */
    public static final String BARE_CANDIDATES = "select q.id, q.author_id, q.prompt from question q where " + COMPARABLE
            + " and q.similarity_key = '' and q.domain = ?1 and q.number_key = ?2 order by q.created_at limit ?3";

    private DuplicateLookup() {
    }
}
