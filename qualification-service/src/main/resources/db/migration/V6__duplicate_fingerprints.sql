-- Near-duplicate checks look up candidates with an index instead of reading every earlier question.
-- Each question keeps its fingerprint: similarity_key, its content words (stop words dropped, stemmed,
-- sorted, ASCII-folded) for trigram lookups, and number_key, its numbers (questions whose numbers differ are
-- never duplicates). pg_trgm finds the keys that share enough trigrams; btree_gin lets one GIN index also
-- hold the domain and the numbers, so the lookup touches only that domain's candidates. Both extensions
-- are trusted (PostgreSQL 13+): a database owner may create them.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;

alter table question add column similarity_key text;
alter table question add column number_key text;

-- Only questions that are not themselves duplicates are compared with (the query repeats this predicate).
create index question_duplicate_lookup on question
    using gin (domain, number_key, similarity_key gin_trgm_ops) where status <> 'DUPLICATE';
-- Prompts with no content words at all ("What is 17 * 23?") are compared by their numbers alone.
create index question_duplicate_bare on question (domain, number_key)
    where status <> 'DUPLICATE' and similarity_key = '';
