package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedDeviceTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;

    static Signal of(PeerSession... sharers) {
        return SharedDevice.compute(Sessions.with(Map.of(), Map.of(), List.of(sharers), List.of()), T);
    }

    @Test
    void shouldNeverFireOnASharedAddressAlone() {
        Signal s = of(new PeerSession(UUID.randomUUID(), UUID.randomUUID(), false, true),
                new PeerSession(UUID.randomUUID(), UUID.randomUUID(), false, true));
        assertEquals(0.0, s.value());
        assertFalse(s.fired());
        assertTrue(s.evidence().isEmpty());
    }

    @Test
    void shouldFireOnAnotherAccountOnTheSameDeviceAndPointAtItsSessions() {
        UUID other = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Signal s = of(new PeerSession(first, other, true, true), new PeerSession(second, other, true, false));
        assertEquals(1.0, s.value(), "one other account, whatever the number of its sessions");
        assertTrue(s.fired());
        assertEquals(List.of(first.toString(), second.toString()), s.evidence().stream().map(Signal.Evidence::sessionId).toList());
        assertTrue(s.evidence().get(0).note().contains("same network address"));
    }

    @Test
    void shouldNotCountTheExpertsOwnOtherSessions() {
        assertFalse(of(new PeerSession(UUID.randomUUID(), Sessions.EXPERT, true, true)).fired());
    }
}
