package dev.arbiter.task.export.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.export.model.ExportFormat;
import dev.arbiter.task.export.model.ExportFormat.ExportedJudgment;
import dev.arbiter.task.export.model.Provenance;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Multi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pair formats write their rows straight to a generator, chunk by chunk: what the client reads must be, byte for
 * byte, what the rows built as trees and written one by one gave (the way the export wrote them before), whatever the
 * chunk size and wherever a chunk ends.
 */
class ExportBytesTest {

    private final ObjectMapper json = new ObjectMapper();

    /** The trl row as a tree, as the export built it before it wrote to a generator. */
    private ObjectNode trlTree(ExportedJudgment j, String better, String worse, int gap) {
        return json.createObjectNode()
                .put("prompt", j.prompt()).put("chosen", j.texts().get(better)).put("rejected", j.texts().get(worse))
                .put("chosen_id", better).put("rejected_id", worse).put("judgment_id", j.judgmentId())
                .put("item_id", j.itemId()).put("external_id", j.externalId()).put("expert_tier", j.expertTier())
                .put("preference_strength", j.preferenceStrength() != null ? Math.abs(j.preferenceStrength()) : gap)
                .<ObjectNode>set("labels", labels(j)).setAll(provenance(j));
    }

    /** The hh row as a tree, likewise. */
    private ObjectNode hhTree(ExportedJudgment j, String better, String worse) {
        String human = "\n\nHuman: " + j.prompt() + "\n\nAssistant: ";
        return json.createObjectNode()
                .put("chosen", human + j.texts().get(better)).put("rejected", human + j.texts().get(worse))
                .put("chosen_id", better).put("rejected_id", worse).put("judgment_id", j.judgmentId())
                .put("item_id", j.itemId()).<ObjectNode>set("labels", labels(j)).setAll(provenance(j));
    }

    private ObjectNode labels(ExportedJudgment j) {
        ObjectNode labels = json.createObjectNode();
        for (int i = 0; i < j.responseOrder().size(); i++) {
            labels.put(ResponseShuffle.label(i), j.responseOrder().get(i));
        }
        return labels;
    }

    private ObjectNode provenance(ExportedJudgment j) {
        Provenance p = j.provenance();
        return json.createObjectNode().put("session_state", p.sessionStateName()).put("active_seconds", p.activeSeconds())
                .put("external_paste_share", p.externalPasteShare());
    }

    /** Every row of the judgments as the tree formats wrote them: one tree serialised per row, each line ended by \n. */
    private byte[] expected(ExportFormat format, List<ExportedJudgment> judgments) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ExportedJudgment j : judgments) {
            List<String> ranking = j.ranking();
            for (int a = 0; a < ranking.size(); a++) {
                for (int b = a + 1; b < ranking.size(); b++) {
                    ObjectNode row = format == ExportFormat.TRL ? trlTree(j, ranking.get(a), ranking.get(b), b - a)
                            : hhTree(j, ranking.get(a), ranking.get(b));
                    out.write(json.writer().writeValueAsBytes(row));
                    out.write('\n');
                }
            }
        }
        return out.toByteArray();
    }

    /** What the client reads of the export: each chunk followed by the newline the NDJSON response writer adds. */
    private byte[] exported(ExportFormat format, List<ExportedJudgment> judgments, int chunkBytes, List<byte[]> chunks)
            throws Exception {
        chunks.addAll(NdjsonChunks.of(Multi.createFrom().iterable(judgments), (j, out) -> format.write(j, out, json),
                json.writer(), chunkBytes).collect().asList().await().indefinitely());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            wire.write(chunk);
            wire.write('\n');
        }
        return wire.toByteArray();
    }

    @Test
    void shouldWriteTheSameBytesAsTheRowTreesForEveryChunkSize() throws Exception {
        List<ExportedJudgment> judgments = judgments(new Random(14), 400);
        for (ExportFormat format : List.of(ExportFormat.TRL, ExportFormat.HH)) {
            byte[] expected = expected(format, judgments);
            for (int chunkBytes : new int[] {1, 500, 4096, ExportService.CHUNK_BYTES, expected.length, expected.length + 1}) {
                List<byte[]> chunks = new ArrayList<>();
                byte[] actual = exported(format, judgments, chunkBytes, chunks);
                assertArrayEquals(expected, actual, format + " in chunks of " + chunkBytes + " bytes");
                for (byte[] chunk : chunks) {
                    assertTrue(chunk.length > 0 && chunk[0] == '{' && chunk[chunk.length - 1] == '}',
                            "a chunk holds whole rows, no newline before the first or after the last");
                }
            }
        }
    }

    @Test
    void shouldCutChunksOnlyAfterAJudgmentsRowsOnceTheyReachTheSize() throws Exception {
        List<ExportedJudgment> judgments = judgments(new Random(7), 200);
        List<byte[]> chunks = new ArrayList<>();
        exported(ExportFormat.TRL, judgments, 4096, chunks);
        assertTrue(chunks.size() > 5, "several chunks: " + chunks.size());
        int rows = 0;
        for (byte[] chunk : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(chunk.length >= 4096, "a chunk is sent once it holds at least the size: " + chunk.length);
            rows += lines(chunk);
        }
        rows += lines(chunks.get(chunks.size() - 1));
        assertEquals(judgments.stream().mapToInt(j -> j.ranking().size() * (j.ranking().size() - 1) / 2).sum(), rows);
    }

    @Test
    void shouldSendNothingForNoJudgmentsAndOneChunkForOneRow() throws Exception {
        assertEquals(0, exported(ExportFormat.TRL, List.of(), 4096, new ArrayList<>()).length);
        ExportedJudgment one = judgment(new Random(1), List.of("r1", "r2"));
        List<byte[]> chunks = new ArrayList<>();
        byte[] wire = exported(ExportFormat.TRL, List.of(one), 4096, chunks);
        assertEquals(1, chunks.size());
        assertArrayEquals(expected(ExportFormat.TRL, List.of(one)), wire);
        // a chunk that the one judgment's rows fill exactly is sent at once, and nothing after it
        int exact = chunks.get(0).length;
        chunks.clear();
        exported(ExportFormat.TRL, List.of(one), exact, chunks);
        assertEquals(1, chunks.size());
        chunks.clear();
        exported(ExportFormat.TRL, List.of(one, one), exact, chunks);
        assertEquals(2, chunks.size(), "each judgment's row fills a chunk");
        assertEquals(new String(chunks.get(0), StandardCharsets.UTF_8), new String(chunks.get(1), StandardCharsets.UTF_8));
    }

    private static int lines(byte[] chunk) {
        int n = 1;
        for (byte b : chunk) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private List<ExportedJudgment> judgments(Random random, int n) {
        List<ExportedJudgment> judgments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> ids = new ArrayList<>();
            int responses = 2 + random.nextInt(3);
            for (int r = 1; r <= responses; r++) {
                ids.add("r" + r);
            }
            Collections.shuffle(ids, random);
            judgments.add(judgment(random, ids));
        }
        return judgments;
    }

    private ExportedJudgment judgment(Random random, List<String> ranking) {
        Map<String, String> texts = new java.util.HashMap<>();
        for (String id : ranking) {
            texts.put(id, text(random));
        }
        if (random.nextInt(10) == 0) {
            texts.remove(ranking.get(0));   // a ranked id without a response: its text is null
        }
        List<String> order = new ArrayList<>(ranking);
        Collections.shuffle(order, random);
        Provenance provenance = switch (random.nextInt(4)) {
            case 0 -> Provenance.NONE;
            case 1 -> new Provenance(SessionState.CLOSED, 540L, null);
            case 2 -> new Provenance(SessionState.VERIFIED, (long) random.nextInt(100_000), random.nextDouble());
            default -> new Provenance(SessionState.FLAGGED, 0L, random.nextBoolean() ? 0.0 : 1e-9 * random.nextInt(1000));
        };
        Integer strength = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> -1 - random.nextInt(3);
            default -> 1 + random.nextInt(3);
        };
        return new ExportedJudgment(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                random.nextBoolean() ? null : "ext-" + text(random), text(random), null, ranking, strength, null, null, null,
                null, UUID.randomUUID().toString(), 1 + random.nextInt(3), "ACCEPTED", "2026-12-01T02:00:00.000Z", null,
                texts, order, provenance);
    }

    /** Text with what JSON must escape: quotes, backslashes, control characters, non-ASCII and surrogate pairs. */
    private static String text(Random random) {
        String[] parts = {"plain words ", "\"quoted\" ", "back\\slash ", "tab\tand\nnewline\r ", "\u0000\u0001\u001f\u007f ",
            "caf\u00e9 ", "\u4e2d\u6587 ", "\ud83d\ude00 ", "</script> ", "\u2028\u2029 ", "x".repeat(300)};
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }
}
