package dev.arbiter.task.job.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds how many bytes one element of a streamed JSON array may take, the way the NDJSON reader bounds a line:
 * the parser reads through this stream, {@link #startElement} marks where an element starts, and a read that would go past
 * {@code start + maxBytes} before {@link #endElement} fails with {@link TooLarge} instead. The parser never holds more than
 * the budget of one element, whatever the element is (a long string, a wide array, a deep object).
 */
final class ElementBudget extends FilterInputStream {

    /** The element that began at {@code start} needs more than {@code maxBytes}; nothing past the budget was read. */
    static final class TooLarge extends IOException {
        final long maxBytes;

        TooLarge(long maxBytes) {
            super("an array element is larger than " + maxBytes + " bytes", null);
            this.maxBytes = maxBytes;
        }
    }

    private final long maxBytes;
    private long count;
    private long limit = Long.MAX_VALUE;

    ElementBudget(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    /** Bytes handed to the reader so far. */
    long count() {
        return count;
    }

    /** An element starts at byte {@code start} of this stream (negative: unknown, taken as what was read so far). */
    void startElement(long start) {
        limit = (start < 0 ? count : start) + maxBytes;
    }

    /** Between elements nothing is bounded here (the upload's own byte limit still is). */
    void endElement() {
        limit = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            throw new TooLarge(maxBytes);
        }
        int b = super.read();
        if (b != -1) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count >= limit) {
            throw new TooLarge(maxBytes);
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }
}
