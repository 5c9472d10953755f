package dev.arbiter.task.session.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static final List<SessionEvent> EVENTS = List.of(SessionEvent.bare(0, EventType.FOCUS),
            SessionEvent.view(10, "A", 0, 0.5), SessionEvent.input(20, "overall", 0, 0, "Gut"),
            SessionEvent.key(30, "overall", 3, List.of(120, 99)),
            SessionEvent.paste(40, "critique.0.quote", 0, "10 mg", PasteSource.INTERNAL), SessionEvent.copy(50, null, 7));

    @Test
    void shouldWriteOnlyEachTypesFieldsInTheContractsOrder() {
        assertEquals("[{\"t\":0,\"type\":\"focus\"},{\"t\":10,\"type\":\"view\",\"label\":\"A\",\"from\":0.0,\"to\":0.5},"
                        + "{\"t\":20,\"type\":\"input\",\"field\":\"overall\",\"pos\":0,\"del\":0,\"ins\":\"Gut\"},"
                        + "{\"t\":30,\"type\":\"key\",\"field\":\"overall\",\"count\":3,\"intervalsMs\":[120,99]},"
                        + "{\"t\":40,\"type\":\"paste\",\"field\":\"critique.0.quote\",\"pos\":0,\"text\":\"10 mg\","
                        + "\"source\":\"internal\"},{\"t\":50,\"type\":\"copy\",\"length\":7}]",
                new String(EventCodec.json(EVENTS), StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadBackWhatItStoredByteForByte() {
        byte[] json = EventCodec.json(EVENTS);
        byte[] stored = EventCodec.deflate(json);
        assertTrue(stored.length < json.length);
        assertArrayEquals(json, EventCodec.inflate(stored).orElseThrow());
        assertEquals(EVENTS, EventCodec.events(json).orElseThrow());
    }

    @Test
    void shouldReadAValueItDidNotWriteAsNothingRatherThanFail() {
        assertEquals(Optional.empty(), EventCodec.inflate("[{\"t\":1}]".getBytes(StandardCharsets.UTF_8)));
        byte[] stored = EventCodec.deflate(EventCodec.json(EVENTS));
        assertEquals(Optional.empty(), EventCodec.inflate(java.util.Arrays.copyOf(stored, stored.length - 3)), "truncated");
        assertEquals(Optional.empty(), EventCodec.inflate(EventCodec.deflate(new byte[EventCodec.MAX_INFLATED_BYTES + 1])),
                "inflates past any batch");
        assertEquals(Optional.empty(), EventCodec.events("[{\"t\":1,\"type\":\"keypress\"}]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), EventCodec.events("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
