package dev.arbiter.qualification.similarity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MinHash with LSH banding over a prompt's content words, so that the duplicate check looks up a fixed number of
 * index keys instead of reading posting lists that grow with the table. The shingles are the character
 * 3-grams of each content word (already stemmed by {@link QuestionSimilarity}), padded, never across words:
 * a spelling variant ("acetaminophen"/"acetominophen") keeps most of them and word order changes nothing.
 * {@value #HASHES} min-hashes, {@value #ROWS} to a band, give {@value #BANDS} band keys; two prompts share at
 * least one with probability {@code 1 - (1 - J^ROWS)^BANDS} for a Jaccard similarity {@code J} of their shingles:
 * 0.9975 at J = 0.5, 0.96 at J = 0.4 (pairs the measure calls near-duplicates share far more, see
 * {@code DuplicateBandsTest}), 0.0096 at J = 0.1. Four rows keep chance collisions of unrelated prompts rare
 * enough that a lookup returns a handful of rows at 100,000 questions.
 *
 * <p>Each key also hashes the domain and the numbers: questions of another domain or with other numbers are
 * never duplicates, so their keys never meet, and the lookup needs no other index. Deterministic across JVMs
 * and restarts (the keys are stored): everything is hashed from UTF-8 bytes (FNV-1a, SplitMix64's finaliser)
 * with fixed seeds, never with {@link String#hashCode} or a random seed. Changing anything here changes every
 * stored key: that needs a migration that clears them so that {@code FingerprintBackfill} recomputes them.
 * Only narrows the candidates; the verdict stays {@link QuestionSimilarity#similarity}'s.
 */
public final class DuplicateBands {

    /** Min-hashes per band: more rows make chance collisions of unrelated prompts rarer. */
    public static final int ROWS = 4;
    /** Bands: more bands make a missed near-duplicate rarer. */
    public static final int BANDS = 96;
    public static final int HASHES = ROWS * BANDS;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long[] SEEDS = seeds();

    private DuplicateBands() {
    }

    /** The band keys of a prompt of {@code domain}, one per band; none for a prompt without content words. */
    public static long[] of(String domain, QuestionSimilarity.Fingerprint fingerprint) {
        Set<String> shingles = shingles(fingerprint.words());
        if (shingles.isEmpty()) {
            return new long[0];
        }
        long[] min = new long[HASHES];
        Arrays.fill(min, Long.MAX_VALUE);
        for (String shingle : shingles) {
            long base = fnv(shingle);
            for (int i = 0; i < HASHES; i++) {
                long h = mix(base ^ SEEDS[i]);
                if (h < min[i]) {
                    min[i] = h;
                }
            }
        }
        long scope = fnv(domain + '\u0000' + fingerprint.numberKey());
        long[] bands = new long[BANDS];
        for (int band = 0; band < BANDS; band++) {
            long h = mix(scope ^ SEEDS[band]);
            for (int row = 0; row < ROWS; row++) {
                h = mix(h ^ min[band * ROWS + row]);
            }
            bands[band] = h;
        }
        return bands;
    }

    /** The band keys as a PostgreSQL array literal, for a {@code bigint[]} parameter sent as text. */
    public static String literal(long[] bands) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < bands.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(bands[i]);
        }
        return out.append('}').toString();
    }

    /** The padded character 3-grams of each word (by code point, so any script works). */
    static Set<String> shingles(Set<String> words) {
        Set<String> shingles = new LinkedHashSet<>();
        for (String word : words) {
            int[] cps = (" " + word + " ").codePoints().toArray();
            for (int i = 0; i + 3 <= cps.length; i++) {
                shingles.add(new String(cps, i, 3));
            }
        }
        return shingles;
    }

    private static long fnv(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long[] seeds() {
        long[] seeds = new long[HASHES];
        long state = 0x61726269746572L; // "arbiter": fixed, so that stored keys stay valid
        for (int i = 0; i < HASHES; i++) {
            state += 0x9e3779b97f4a7c15L;
            seeds[i] = mix(state);
        }
        return seeds;
    }
}
