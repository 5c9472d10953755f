-- The trigram lookup of V6 was not flat: pg_trgm's GIN scan reads the posting lists of a prompt's common
-- trigrams, which grow with the table. Each question now also stores duplicate_bands, the MinHash band keys
-- of its content words (DuplicateBands: 96 keys, each scoped by domain and numbers), and a submission asks
-- for the questions sharing at least one key: 96 index probes whose posting lists hold only near-duplicates
-- and rare chance collisions, whatever the table's size. Computed in Java, so existing rows get theirs at
-- start (FingerprintBackfill fills every row whose duplicate_bands is null); a prompt without content words
-- gets an empty array and is compared by its numbers (question_duplicate_bare, V6).
alter table question add column duplicate_bands bigint[];

-- fastupdate off: a pending list (up to 4 MB of unsorted entries) would be read whole by every lookup until
-- vacuum merges it, which is exactly the cost that grows with the table; 96 keys per insert go straight in.
create index question_duplicate_bands on question using gin (duplicate_bands) with (fastupdate = off)
    where status <> 'DUPLICATE';

-- Nothing reads the trigram index any more; it only slowed every insert.
drop index question_duplicate_lookup;
