package dev.arbiter.task.export.service;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Packs export rows into chunks of about {@code chunkBytes} for the wire: a response written a row at a time costs a
 * write, an HTTP chunk and a round trip through the event loop per row, which dominated a large export. Each chunk
 * holds whole rows separated by {@code \n}, without a newline after its last row: the NDJSON response writer adds
 * one after every element it sends. Memory stays at one chunk plus one row, whatever the size of the export.
 */
final class NdjsonChunks {

    private final ObjectWriter writer;
    private final int chunkBytes;
    private final ByteArrayOutputStream chunk;

    private NdjsonChunks(ObjectWriter writer, int chunkBytes) {
        this.writer = writer;
        this.chunkBytes = chunkBytes;
        this.chunk = new ByteArrayOutputStream(chunkBytes + chunkBytes / 4);
    }

    /** {@code rows} as chunks of whole NDJSON lines, each of about {@code chunkBytes} (a single larger row is one chunk). */
    static Multi<byte[]> of(Multi<ObjectNode> rows, ObjectWriter writer, int chunkBytes) {
        return Multi.createFrom().deferred(() -> {
            NdjsonChunks chunks = new NdjsonChunks(writer, chunkBytes);
            return rows.onItem().transformToMultiAndConcatenate(chunks::add)
                    .onCompletion().switchTo(() -> chunks.rest());
        });
    }

    /** Appends one row; answers the chunk when it is full, else nothing yet. */
    private Multi<byte[]> add(ObjectNode row) {
        if (chunk.size() > 0) {
            chunk.write('\n');
        }
        try {
            writer.writeValue(chunk, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunk.size() >= chunkBytes ? Multi.createFrom().item(take()) : Multi.createFrom().empty();
    }

    /** What is left at the end: the last, partly filled chunk, if any row is in it. */
    private Multi<byte[]> rest() {
        return chunk.size() > 0 ? Multi.createFrom().item(take()) : Multi.createFrom().empty();
    }

    private byte[] take() {
        byte[] bytes = chunk.toByteArray();
        chunk.reset();
        return bytes;
    }
}
