package dev.arbiter.qualification.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateBandsTest {

    private static final String DOMAIN = "medicine";

    private static long[] bands(String prompt) {
        return DuplicateBands.of(DOMAIN, QuestionSimilarity.fingerprint(prompt));
    }

    private static int shared(long[] a, long[] b) {
        int shared = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] == b[i]) {
                shared++;
            }
        }
        return shared;
    }

    @Test
    void shouldGiveEveryKnownNearDuplicateManySharedKeys() {
        String[][] pairs = {
                {"What is the antidote for acetaminophen overdose?", "Which antidote is used for an overdose of acetaminophen?"},
                {"Calculate the present value of 1000 received in 3 years at 5% interest.",
                        "At 5% interest, calculate the present value of 1000 received in 3 years' time."},
                {"What is the antidote for acetaminophen overdose?", "What is the antidote for acetominophen overdoses?"},
                {"Quelle est la dose létale de caféine chez l'adulte?", "Chez l'adulte, quelle dose de caféine est létale?"},
                {"Какой антидот при отравлении метанолом?", "Какой антидот применяют при отравлении метанолом?"}};
        for (String[] pair : pairs) {
            // One shared key finds the pair; a margin of ten means no small change to the prompts loses it.
            assertTrue(shared(bands(pair[0]), bands(pair[1])) >= 10, pair[0] + " | " + pair[1]);
        }
    }

    @Test
    void shouldIgnoreWordOrderAndStopWords() {
        assertArrayEquals(bands("Which SQL isolation level prevents phantom reads?"),
                bands("In SQL, phantom reads are prevented by which isolation level?"));
    }

    @Test
    void shouldNeverShareKeysAcrossDomainsOrNumbers() {
        String prompt = "Calculate the present value of 1000 received in 3 years at 5% interest.";
        var f = QuestionSimilarity.fingerprint(prompt);
        assertEquals(0, shared(DuplicateBands.of("medicine", f), DuplicateBands.of("finance", f)));
        assertEquals(0, shared(bands(prompt), bands(prompt.replace("5%", "6%"))));
    }

    @Test
    void shouldRarelyShareKeysBetweenDifferentQuestions() {
        assertEquals(0, shared(bands("What is the antidote for acetaminophen overdose?"),
                bands("What is the antidote for methanol poisoning?")));
        assertEquals(0, shared(bands("Who wrote the Federalist Papers?"), bands("What is the capital of Australia?")));
    }

    @Test
    void shouldHaveNoKeysWithoutContentWords() {
        assertEquals(0, bands("What is 17 * 23?").length);
        assertEquals(DuplicateBands.BANDS, bands("What is the antidote for acetaminophen overdose?").length);
    }

    /** The keys are stored: a JVM, a restart or a String.hashCode change must not move them. */
    @Test
    void shouldComputeTheSameKeysOnEveryJvm() {
        long[] keys = bands("What is the antidote for acetaminophen overdose?");
        assertEquals(PINNED_FIRST, keys[0]);
        assertEquals(PINNED_LAST, keys[DuplicateBands.BANDS - 1]);
    }

    private static final long PINNED_FIRST = 3308945099147714878L;
    private static final long PINNED_LAST = -3614917495038177299L;

    /**
     * Generated near-duplicates (a word added, dropped, misspelt or inflected; fixed seed, so the same pairs every
     * run): those the measure calls duplicates share a key all but very rarely. The misses are tiny prompts with
     * several edits, where one long word outweighs the rest in the shingles but not in the measure's word overlap.
     */
    @Test
    void shouldFindNearlyEveryGeneratedNearDuplicate() {
        Random random = new Random(20261130);
        String letters = "eeeeeeeeeeeetttttttttaaaaaaaaoooooooiiiiiiinnnnnnnsssssshhhhhhrrrrrrddddlllluuucccmmmwwffggyyppbbvkjxqz";
        int duplicates = 0;
        int missed = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            List<String> words = new ArrayList<>();
            for (int i = 0, n = 3 + random.nextInt(9); i < n; i++) {
                words.add(word(random, letters));
            }
            List<String> edited = new ArrayList<>(words);
            for (int e = 0, edits = 1 + random.nextInt(2); e < edits; e++) {
                int at = random.nextInt(edited.size());
                switch (random.nextInt(4)) {
                    case 0 -> edited.add(word(random, letters));
                    case 1 -> edited.remove(edited.size() > 1 ? at : 0);
                    case 2 -> {
                        String w = edited.get(at);
                        int p = random.nextInt(w.length());
                        edited.set(at, w.substring(0, p) + letters.charAt(random.nextInt(letters.length())) + w.substring(p + 1));
                    }
                    default -> edited.set(at, edited.get(at) + "s");
                }
            }
            if (edited.isEmpty()) {
                continue;
            }
            var a = QuestionSimilarity.fingerprint(String.join(" ", words));
            var b = QuestionSimilarity.fingerprint(String.join(" ", edited));
            if (QuestionSimilarity.similarity(a, b) >= QuestionSimilarity.DEFAULT_THRESHOLD) {
                duplicates++;
                if (shared(DuplicateBands.of(DOMAIN, a), DuplicateBands.of(DOMAIN, b)) == 0) {
                    missed++;
                }
            }
        }
        assertTrue(duplicates > 5_000, "too few near-duplicates generated: " + duplicates);
        assertTrue(missed * 2_000 <= duplicates, missed + " of " + duplicates + " near-duplicates missed");
    }

    private static String word(Random random, String letters) {
        StringBuilder w = new StringBuilder();
        for (int i = 0, n = 3 + random.nextInt(10); i < n; i++) {
            w.append(letters.charAt(random.nextInt(letters.length())));
        }
        return w.toString();
    }
}
