package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.Integrity;
import dev.arbiter.task.session.model.StoredBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchChainTest {

    static final UUID SESSION = UUID.fromString("6f1c2c1e-0000-4000-8000-000000000001");
    static final Instant AT = Instant.parse("2026-11-30T10:00:00.123Z");

    @Test
    void shouldHashTheSeqTheReceiptTimeAndTheEventsBytes() {
        assertEquals("{\"seq\":3,\"receivedAt\":1796032800123,\"events\":[{\"t\":1,\"type\":\"focus\"}]}",
                new String(BatchChain.canonical(3, AT, "[{\"t\":1,\"type\":\"focus\"}]".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
        byte[] events = bytes("[]");
        assertFalse(java.util.Arrays.equals(BatchChain.batchHash(0, AT, events), BatchChain.batchHash(1, AT, events)));
        assertFalse(java.util.Arrays.equals(BatchChain.batchHash(0, AT, events),
                BatchChain.batchHash(0, AT.plusMillis(1), events)));
    }

    @Test
    void shouldStartEachSessionsChainDifferently() {
        assertFalse(java.util.Arrays.equals(BatchChain.genesis(SESSION), BatchChain.genesis(UUID.randomUUID())));
    }

    @Test
    void shouldReachTheSameDigestWhenBatchesArriveOutOfOrder() {
        List<StoredBatch> log = log(4);
        byte[] inOrder = BatchChain.genesis(SESSION);
        for (StoredBatch b : log) {
            inOrder = BatchChain.link(inOrder, b.batchHash());
        }
        assertArrayEquals(inOrder, BatchChain.digest(SESSION, log.stream().map(StoredBatch::batchHash).toList()));
        List<StoredBatch> shuffled = new ArrayList<>(List.of(log.get(2), log.get(0), log.get(3), log.get(1)));
        assertTrue(BatchChain.verify(SESSION, shuffled, inOrder).intact());
    }

    @Test
    void shouldFindAnIntactLogIntact() {
        List<StoredBatch> log = log(3);
        assertEquals(new Integrity(true, List.of(), true), BatchChain.verify(SESSION, log, digestOf(log)));
        assertEquals(new Integrity(true, List.of(), true), BatchChain.verify(SESSION, List.of(), null));
    }

    @Test
    void shouldNameABatchWhoseEventsWereChanged() {
        List<StoredBatch> log = new ArrayList<>(log(3));
        byte[] digest = digestOf(log);
        StoredBatch b = log.get(1);
        log.set(1, new StoredBatch(b.seq(), b.receivedAt(), b.eventCount(), bytes("[{\"t\":1,\"type\":\"blur\"}]"),
                b.batchHash()));
        assertEquals(new Integrity(false, List.of(1), false), BatchChain.verify(SESSION, log, digest));
    }

    @Test
    void shouldNoticeABatchChangedTogetherWithItsHash() {
        List<StoredBatch> log = new ArrayList<>(log(3));
        byte[] digest = digestOf(log);
        StoredBatch b = log.get(1);
        byte[] forged = bytes("[{\"t\":1,\"type\":\"blur\"}]");
        log.set(1, new StoredBatch(b.seq(), b.receivedAt(), 1, forged, BatchChain.batchHash(b.seq(), b.receivedAt(), forged)));
        assertEquals(new Integrity(false, List.of(), false), BatchChain.verify(SESSION, log, digest));
    }

    @Test
    void shouldNoticeABatchRemovedOrAdded() {
        List<StoredBatch> log = log(3);
        byte[] digest = digestOf(log);
        assertFalse(BatchChain.verify(SESSION, List.of(log.get(0), log.get(2)), digest).digestMatches());
        List<StoredBatch> more = new ArrayList<>(log);
        more.add(batch(3, "[]"));
        assertFalse(BatchChain.verify(SESSION, more, digest).digestMatches());
        assertFalse(BatchChain.verify(UUID.randomUUID(), log, digest).digestMatches(), "a log moved to another session");
    }

    static List<StoredBatch> log(int n) {
        List<StoredBatch> log = new ArrayList<>();
        for (int seq = 0; seq < n; seq++) {
            log.add(batch(seq, "[{\"t\":" + seq * 1000 + ",\"type\":\"focus\"}]"));
        }
        return log;
    }

    static StoredBatch batch(int seq, String events) {
        Instant at = AT.plusSeconds(seq * 5L);
        return new StoredBatch(seq, at, 1, bytes(events), BatchChain.batchHash(seq, at, bytes(events)));
    }

    static byte[] digestOf(List<StoredBatch> log) {
        return BatchChain.digest(SESSION, log.stream().map(StoredBatch::batchHash).toList());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
