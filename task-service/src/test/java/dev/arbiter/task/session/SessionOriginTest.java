package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.platform.problem.ApiProblem;
import org.junit.jupiter.api.Test;

class SessionOriginTest {

    @Test
    void shouldTakeTheFirstForwardedAddressElseTheConnections() {
        assertEquals(new SessionOrigin("abc_DEF-09", "203.0.113.9"),
                SessionOrigin.of("abc_DEF-09", " 203.0.113.9 , 10.0.0.1", "127.0.0.1"));
        assertEquals("127.0.0.1", SessionOrigin.of(null, null, "127.0.0.1").clientAddress());
        assertEquals("127.0.0.1", SessionOrigin.of(null, " , 10.0.0.1", "127.0.0.1").clientAddress());
        assertNull(SessionOrigin.of(null, null, null).clientAddress());
        assertEquals("a".repeat(64), SessionOrigin.of(null, "a".repeat(100), null).clientAddress());
        assertTrue(!new SessionOrigin(null, null).known());
    }

    @Test
    void shouldRefuseADeviceIdThatIsNotTheWorkbenchs() {
        assertEquals("d".repeat(64), SessionOrigin.of("d".repeat(64), null, null).deviceId());
        for (String bad : new String[]{"d".repeat(65), "", "has space", "ünïcode", "a/b"}) {
            ApiProblem problem = assertThrows(ApiProblem.class, () -> SessionOrigin.of(bad, null, null), bad);
            assertEquals(400, problem.status());
            assertTrue(problem.extensions().get("violations").toString().contains("field=X-Device-Id"),
                    problem.extensions().toString());
        }
    }
}
