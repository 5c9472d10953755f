package dev.arbiter.task.export.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NdjsonChunksTest {

    private final ObjectMapper json = new ObjectMapper();

    private List<byte[]> chunks(int rows, int chunkBytes) {
        Multi<ObjectNode> source = Multi.createFrom().range(0, rows)
                .map(i -> json.createObjectNode().put("n", i).put("text", "row " + i + " " + "x".repeat(i % 50)));
        return NdjsonChunks.of(source, (row, out) -> json.writeTree(out, row), json.writer(), chunkBytes)
                .collect().asList().await().indefinitely();
    }

    /** What the client reads: each element followed by the newline the NDJSON response writer adds. */
    private static String wire(List<byte[]> chunks) {
        StringBuilder out = new StringBuilder();
        chunks.forEach(c -> out.append(new String(c, StandardCharsets.UTF_8)).append('\n'));
        return out.toString();
    }

    @Test
    void shouldPackEveryRowOnceInOrderAsWholeLinesAcrossChunks() throws Exception {
        List<byte[]> chunks = chunks(5_000, 4096);
        assertTrue(chunks.size() > 10, "many chunks: " + chunks.size());
        String[] lines = wire(chunks).split("\n", -1);
        assertEquals(5_001, lines.length, "5,000 lines, each ended by a newline");
        assertEquals("", lines[5_000]);
        for (int i = 0; i < 5_000; i++) {
            assertEquals(i, json.readTree(lines[i]).get("n").asInt(), lines[i]);
        }
        for (byte[] chunk : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(chunk.length >= 4096 && chunk.length < 4096 + 200, "a full chunk, at most one row over: " + chunk.length);
        }
    }

    @Test
    void shouldSendNothingForNoRowsAndOneChunkForFewRows() {
        assertEquals(0, chunks(0, 4096).size());
        assertEquals(1, chunks(3, 4096).size());
    }

    @Test
    void shouldSendARowLargerThanAChunkWhole() throws Exception {
        List<byte[]> chunks = chunks(60, 16);
        assertEquals(60, chunks.size(), "each row alone");
        assertEquals(7, json.readTree(chunks.get(7)).get("n").asInt());
    }
}
