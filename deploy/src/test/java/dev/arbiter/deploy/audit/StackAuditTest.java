package dev.arbiter.deploy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StackAuditTest {

    @Test
    void shouldReadTheEventIdFromAnEnvelopesWireFormatWhereverTheFieldSits() {
        UUID id = UUID.randomUUID();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // occurred_at (2, a nested message), a varint field (7) and a fixed64 field (8) before event_id (1)
        b.write(0x12);
        b.write(2);
        b.write(0x08);
        b.write(0x01);
        b.write(0x38);
        b.write(0x96);
        b.write(0x01);
        b.write(0x41);
        b.writeBytes(new byte[8]);
        b.write(0x0A);
        byte[] text = id.toString().getBytes(StandardCharsets.UTF_8);
        b.write(text.length);
        b.writeBytes(text);
        assertEquals(id, StackAudit.eventId(b.toByteArray()));
    }

    @Test
    void shouldReadThePayloadsFieldNumberPastTheEnvelopesOwnFields() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] id = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        b.write(0x0A);                  // event_id (1)
        b.write(id.length);
        b.writeBytes(id);
        b.write(0x1A);                  // producer (3)
        b.write(4);
        b.writeBytes("task".getBytes(StandardCharsets.UTF_8));
        byte[] noPayload = b.toByteArray();
        b.write(0x92);                  // work_session_opened (50), length-delimited: (50 << 3 | 2) as a varint
        b.write(0x03);
        b.write(2);
        b.write(0x0A);
        b.write(0);

        assertEquals(50, StackAudit.payloadField(b.toByteArray()));
        assertEquals(0, StackAudit.payloadField(noPayload));
    }

    @Test
    void shouldRefuseARecordWithoutAnEventId() {
        assertThrows(IllegalArgumentException.class, () -> StackAudit.eventId(new byte[] {0x18, 0x05}));
    }

    @Test
    void shouldNameOnlyTheCountsThatAreOff() {
        StackAudit.Report report = new StackAudit.Report(List.of(new StackAudit.Count("lost", 0, 0, true),
                new StackAudit.Count("stored", 12, 0, false), new StackAudit.Count("doubled", 1, 0, true)));
        assertFalse(report.ok());
        assertEquals(List.of("doubled"), report.problems().stream().map(StackAudit.Count::name).toList());
        assertTrue(report.table().contains("WRONG (must be 0)"));
        assertEquals(12, report.value("stored"));
    }
}
