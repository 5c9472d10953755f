package dev.arbiter.task.export.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.smallrye.mutiny.Multi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Packs export rows into chunks of about {@code chunkBytes} for the wire: a response written a row at a time costs a
 * write, an HTTP chunk and a round trip through the event loop per row, which dominated a large export. The rows of a
 * chunk are written by one {@link JsonGenerator} straight into the chunk's buffer (no tree, no generator per row); each
 * chunk holds whole rows separated by {@code \n}, without a newline after its last row: the NDJSON response writer adds
 * one after every element it sends. Memory stays at one chunk plus the rows of one source element, whatever the size
 * of the export.
 */
final class NdjsonChunks<T> {

    /** Writes the rows of one source element, each a value at the root of the generator (it puts the newlines). */
    @FunctionalInterface
    interface Rows<T> {
        void write(T element, JsonGenerator out) throws IOException;
    }

    private final ObjectWriter writer;
    private final Rows<T> rows;
    private final int chunkBytes;
    private final ByteArrayOutputStream chunk;
    /** Writes into {@link #chunk}; a new one for every chunk, so that a chunk's first row has no newline before it. */
    private JsonGenerator out;

    private NdjsonChunks(ObjectWriter writer, Rows<T> rows, int chunkBytes) {
        this.writer = writer.withRootValueSeparator("\n");
        this.rows = rows;
        this.chunkBytes = chunkBytes;
        this.chunk = new ByteArrayOutputStream(chunkBytes + chunkBytes / 4);
    }

    /**
     * The rows of {@code elements} as chunks of whole NDJSON lines, each of about {@code chunkBytes} (an element whose
     * rows are larger is one chunk); {@code writer} sets how values are written, as it would for a row alone.
     */
    static <T> Multi<byte[]> of(Multi<T> elements, Rows<T> rows, ObjectWriter writer, int chunkBytes) {
        return Multi.createFrom().deferred(() -> {
            NdjsonChunks<T> chunks = new NdjsonChunks<>(writer, rows, chunkBytes);
            return elements.onItem().transformToMultiAndConcatenate(chunks::add)
                    .onCompletion().switchTo(chunks::rest);
        });
    }

    /** Appends the element's rows; answers the chunk when it is full, else nothing yet. */
    private Multi<byte[]> add(T element) {
        try {
            if (out == null) {
                out = writer.createGenerator(chunk);
            }
            rows.write(element, out);
            return chunk.size() + out.getOutputBuffered() >= chunkBytes ? Multi.createFrom().item(take())
                    : Multi.createFrom().empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is left at the end: the last, partly filled chunk, if any row is in it. */
    private Multi<byte[]> rest() {
        try {
            if (out != null) {
                out.flush();
            }
            return chunk.size() > 0 ? Multi.createFrom().item(take()) : Multi.createFrom().empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] take() throws IOException {
        out.close();   // flushes into the chunk and hands the generator's buffers back for the next one
        out = null;
        byte[] bytes = chunk.toByteArray();
        chunk.reset();
        return bytes;
    }
}
