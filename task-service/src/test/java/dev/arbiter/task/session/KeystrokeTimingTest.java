package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.Integrity;
import dev.arbiter.task.session.model.KeyTiming;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.StoredBatch;
import dev.arbiter.task.session.repository.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The split of a batch into events kept for good and raw keystroke timing kept for a retention, and its hashes. */
class KeystrokeTimingTest {

    static final UUID SESSION = UUID.fromString("6f1c2c1e-0000-4000-8000-000000000002");
    static final Instant AT = Instant.parse("2026-11-30T10:00:00.123Z");
    static final List<SessionEvent> EVENTS = List.of(SessionEvent.bare(0, EventType.FOCUS),
            SessionEvent.input(10, "overall", 0, 0, "Good"), SessionEvent.key(10, "overall", 4, List.of(100, 200, 300)),
            SessionEvent.key(20, "overall", 2, List.of(150, 90)), SessionEvent.key(30, "overall", 1, List.of()));

    @Test
    void shouldSummariseIntervalsByCountMeanDeviationAndMedian() {
        assertEquals(new KeyTiming(3, 200.0, 81.6, 200.0), KeystrokeTiming.summarise(List.of(300, 100, 200)));
        assertEquals(new KeyTiming(2, 120.0, 30.0, 120.0), KeystrokeTiming.summarise(List.of(150, 90)));
        assertEquals(new KeyTiming(4, 130.0, 47.4, 110.0), KeystrokeTiming.summarise(List.of(90, 120, 210, 100)));
        assertEquals(new KeyTiming(1, 75.0, 0.0, 75.0), KeystrokeTiming.summarise(List.of(75)));
        assertEquals(new KeyTiming(0, null, null, null), KeystrokeTiming.summarise(List.of()));
    }

    @Test
    void shouldKeepOnlySummariesInTheEventsAndTheRawIntervalsApart() {
        KeystrokeTiming.Split split = KeystrokeTiming.split(EVENTS);
        assertEquals("[[100,200,300],[150,90],[]]", new String(split.timingJson(), StandardCharsets.UTF_8));
        String events = new String(EventCodec.json(split.events()), StandardCharsets.UTF_8);
        assertFalse(events.contains("intervalsMs"), events);
        assertTrue(events.contains("{\"t\":10,\"type\":\"key\",\"field\":\"overall\",\"count\":4,"
                + "\"timing\":{\"n\":3,\"meanMs\":200.0,\"sdMs\":81.6,\"medianMs\":200.0}}"), events);
        assertTrue(events.contains("{\"t\":30,\"type\":\"key\",\"field\":\"overall\",\"count\":1,\"timing\":{\"n\":0}}"), events);
        // what is not a key event is stored exactly as sent
        assertEquals(EVENTS.subList(0, 2), split.events().subList(0, 2));
    }

    @Test
    void shouldGiveReadersTheRawIntervalsBackWhileKept() {
        KeystrokeTiming.Split split = KeystrokeTiming.split(EVENTS);
        List<SessionEvent> stored = EventCodec.events(EventCodec.json(split.events())).orElseThrow();
        List<SessionEvent> merged = KeystrokeTiming.merge(stored, split.timingJson());
        for (int i = 0; i < EVENTS.size(); i++) {
            assertEquals(EVENTS.get(i).intervalsMs(), merged.get(i).intervalsMs());
            assertEquals(EVENTS.get(i).t(), merged.get(i).t());
        }
        assertEquals(split.events().get(2).timing(), merged.get(2).timing());
        // once dropped, or when the raw part does not fit the events, the events stay as stored
        assertSame(stored, KeystrokeTiming.merge(stored, null));
        assertSame(stored, KeystrokeTiming.merge(stored, "[[1,2]]".getBytes(StandardCharsets.UTF_8)));
        assertSame(stored, KeystrokeTiming.merge(stored, "not json".getBytes(StandardCharsets.UTF_8)));
        assertNull(KeystrokeTiming.merge(stored, null).get(2).intervalsMs());
    }

    @Test
    void shouldKeepNothingApartForABatchWithoutKeyEvents() {
        KeystrokeTiming.Split split = KeystrokeTiming.split(EVENTS.subList(0, 2));
        assertNull(split.timingJson());
        assertEquals(EVENTS.subList(0, 2), split.events());
        byte[] json = EventCodec.json(split.events());
        assertArrayEquals(BatchChain.batchHash(3, AT, json), BatchChain.batchHash(3, AT, json, null));
    }

    @Test
    void shouldHashTheTimingHashIntoTheBatchSoDroppingTheRawTimingStillVerifies() {
        List<StoredBatch> kept = new ArrayList<>();
        List<StoredBatch> dropped = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int seq = 0; seq < 3; seq++) {
            KeystrokeTiming.Split split = KeystrokeTiming.split(EVENTS);
            byte[] json = EventCodec.json(split.events());
            byte[] timingHash = BatchChain.timingHash(split.timingJson());
            byte[] hash = BatchChain.batchHash(seq, AT.plusSeconds(seq), json, timingHash);
            assertFalse(java.util.Arrays.equals(hash, BatchChain.batchHash(seq, AT.plusSeconds(seq), json)),
                    "the timing hash is part of the batch hash");
            kept.add(new StoredBatch(seq, AT.plusSeconds(seq), EVENTS.size(), json, hash, split.timingJson(), timingHash));
            dropped.add(new StoredBatch(seq, AT.plusSeconds(seq), EVENTS.size(), json, hash, null, timingHash));
            hashes.add(hash);
        }
        byte[] digest = BatchChain.digest(SESSION, hashes);
        assertEquals(new Integrity(true, List.of(), true), BatchChain.verify(SESSION, kept, digest));
        assertEquals(new Integrity(true, List.of(), true), BatchChain.verify(SESSION, dropped, digest));
        // a batch stored before the split (no timing hash) verifies the old way beside them
        byte[] plain = EventCodec.json(EVENTS);
        byte[] oldHash = BatchChain.batchHash(3, AT.plusSeconds(3), plain);
        dropped.add(new StoredBatch(3, AT.plusSeconds(3), EVENTS.size(), plain, oldHash));
        hashes.add(oldHash);
        assertTrue(BatchChain.verify(SESSION, dropped, BatchChain.digest(SESSION, hashes)).intact());

        // raw timing changed while kept: named; a timing hash changed: the batch hash no longer matches
        StoredBatch b = kept.get(1);
        kept.set(1, new StoredBatch(b.seq(), b.receivedAt(), b.eventCount(), b.eventsJson(), b.batchHash(),
                "[[100,200,301],[150,90],[]]".getBytes(StandardCharsets.UTF_8), b.timingHash()));
        assertEquals(new Integrity(false, List.of(1), true), BatchChain.verify(SESSION, kept, digest));
        StoredBatch c = dropped.get(2);
        dropped.set(2, new StoredBatch(c.seq(), c.receivedAt(), c.eventCount(), c.eventsJson(), c.batchHash(), null,
                BatchChain.timingHash("[[1]]".getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(2), BatchChain.verify(SESSION, dropped, BatchChain.digest(SESSION, hashes)).alteredBatches());
    }
}
