package dev.arbiter.task.job.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an NDJSON body into its lines, as UTF-8 bytes, so that each is parsed straight from bytes: no decoding to
 * characters, one call per buffer rather than per character. A line holds at most {@code maxChars} characters (counted as
 * code points while the bytes are scanned); a longer one is read to its end and thrown away, and only
 * {@link #tooLong()} says it was there, so one line never takes more than its bound in memory.
 */
final class NdjsonLines {

    /** What {@link #next()} found. */
    enum Found {
        /** A line ended by {@code \n}. */
        LINE,
        /** The last line of the body, with no {@code \n} after it. */
        LAST,
        /** Nothing more. */
        END
    }

    private static final int READ_BUFFER = 65536;

    private final InputStream in;
    private final int maxChars;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[8192];
    private int length;
    private int chars;
    private boolean tooLong;

    NdjsonLines(InputStream in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** Reads the next line; its bytes are {@link #bytes()}[0, {@link #length()}) until the next call. */
    Found next() throws IOException {
        length = 0;
        chars = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                position = 0;
                limit = Math.max(n, 0);
                if (n <= 0) {
                    return any ? Found.LAST : Found.END;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            keep(start, end);
            if (end < limit) {
                position = end + 1;
                return Found.LINE;
            }
            position = end;
        }
    }

    /** Keeps buffer[start, end) as part of the line unless the line is already past its bound. */
    private void keep(int start, int end) {
        if (tooLong) {
            return;
        }
        for (int i = start; i < end; i++) {
            if ((buffer[i] & 0xC0) != 0x80) {   // every byte but a UTF-8 continuation byte starts a character
                chars++;
            }
        }
        if (chars > maxChars) {
            tooLong = true;
            length = 0;
            return;
        }
        int n = end - start;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, start, line, length, n);
        length += n;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** The line had more than {@code maxChars} characters; none of it was kept. */
    boolean tooLong() {
        return tooLong;
    }

    /** Whether the line is empty or only ASCII white space. */
    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }
}
