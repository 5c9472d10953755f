package dev.arbiter.qualification.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    /** The pattern stripEdgePunctuation replaces: quadratic, 25 s on 100 KB of punctuation inside a text. */
    private static final Pattern OLD_EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");

    @Test
    void shouldNormaliseLongAdversarialTextInLinearTime() {
        String punctuationInside = "a" + "!".repeat(100_000) + "a";
        String spacedPunctuation = "x" + ". ".repeat(50_000) + "y";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertEquals(punctuationInside, TextNormalizer.normalize(punctuationInside));
            TextNormalizer.normalize(spacedPunctuation);
            assertEquals("", TextNormalizer.normalize("?!".repeat(50_000)));
        });
    }

    @Test
    void shouldStripEdgesExactlyAsThePatternDid() {
        Random random = new Random(11);
        String alphabet = "ab .,!?()-'\"\t\n\u2028\u0085é_#";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertEquals(OLD_EDGE_PUNCTUATION.matcher(text).replaceAll(""), TextNormalizer.stripEdgePunctuation(text),
                    "[" + text + "]");
        }
    }
}
