package dev.arbiter.task.job.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

    /** Each line as text, "<too long>" for one past the bound, and how the body ended. */
    private static List<String> lines(InputStream in, int maxChars) throws IOException {
        NdjsonLines lines = new NdjsonLines(in, maxChars);
        List<String> out = new ArrayList<>();
        while (true) {
            NdjsonLines.Found found = lines.next();
            if (found == NdjsonLines.Found.END) {
                out.add("<end>");
                return out;
            }
            out.add(lines.tooLong() ? "<too long>" : new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8));
            if (found == NdjsonLines.Found.LAST) {
                out.add("<last>");
                return out;
            }
        }
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code n} bytes a read, so that lines straddle reads. */
    private static InputStream trickle(String text, int n) {
        return new FilterInputStream(body(text)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, n));
            }
        };
    }

    @Test
    void shouldSplitOnNewlinesWhateverTheReadsAndSayWhetherTheLastLineEnded() throws IOException {
        assertEquals(List.of("{\"a\":1}", "", "{\"b\":2}\r", "<end>"), lines(body("{\"a\":1}\n\n{\"b\":2}\r\n"), 100));
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "<last>"), lines(body("{\"a\":1}\n{\"b\":2}"), 100));
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "<last>"), lines(trickle("{\"a\":1}\n{\"b\":2}", 3), 100));
        assertEquals(List.of("<end>"), lines(body(""), 100));
    }

    @Test
    void shouldDropALineLongerThanItsBoundAloneAndGoOn() throws IOException {
        String longLine = "x".repeat(101);
        assertEquals(List.of("ok", "<too long>", "next", "<end>"), lines(trickle("ok\n" + longLine + "\nnext\n", 7), 100));
        assertEquals(List.of("x".repeat(100), "<end>"), lines(body("x".repeat(100) + "\n"), 100), "exactly the bound is kept");
    }

    @Test
    void shouldCountCharactersNotBytes() throws IOException {
        String hundredAccents = "é".repeat(100);   // 200 bytes, 100 characters
        assertEquals(List.of(hundredAccents, "<end>"), lines(trickle(hundredAccents + "\n", 5), 100));
        assertEquals(List.of("<too long>", "<end>"), lines(body(hundredAccents + "é\n"), 100));
    }

    @Test
    void shouldTellBlankLines() throws IOException {
        NdjsonLines lines = new NdjsonLines(body(" \t\r\n {}\n"), 100);
        lines.next();
        assertTrue(lines.blank());
        lines.next();
        assertFalse(lines.blank());
    }
}
