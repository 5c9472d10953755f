package dev.arbiter.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A database that restarts under a request is answered 503 with Retry-After, never 500 with an error id; a failure
 * of the request or of our code still is 500. Seen in {@code bench chaos}: a PostgreSQL restart gave 255 HTTP 500s.
 */
class DatabaseOutageTest {

    private static PgException pg(String sqlState) {
        return new PgException("FATAL: " + sqlState, "FATAL", sqlState, null);
    }

    @Test
    void shouldTellTheDatabaseGoingAwayFromOtherFailures() {
        // the failures PostgreSQL's restart produced, wrapped the way Mutiny and Hibernate Reactive wrap them
        assertTrue(DatabaseOutage.isCause(new CompletionException(ClosedConnectionException.INSTANCE)));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new CompletionException(pg("57P01")))));
        assertTrue(DatabaseOutage.isCause(pg("57P02")));
        assertTrue(DatabaseOutage.isCause(pg("57P03")));
        assertTrue(DatabaseOutage.isCause(pg("08006")));
        assertTrue(DatabaseOutage.isCause(new IllegalStateException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.isCause(new SQLException("I/O error", "08006")));
        // the server's end of a connection reset mid-query: one claim got a 500 for it in a chaos run
        assertTrue(DatabaseOutage.isCause(new CompletionException(new java.net.SocketException("Connection reset"))));
        // not outages: our statement's error, a cancelled statement, a constraint, a plain bug
        assertFalse(DatabaseOutage.isCause(pg("23505")));
        assertFalse(DatabaseOutage.isCause(pg("57014")));
        assertFalse(DatabaseOutage.isCause(new SQLException("syntax", "42601")));
        assertFalse(DatabaseOutage.isCause(new NullPointerException()));
        assertFalse(DatabaseOutage.isCause(null));
    }

    @Test
    void shouldAnswerAnOutage503WithRetryAfterAndABugStill500() throws Exception {
        ProblemMappers mappers = new ProblemMappers();
        Response outage = mappers.unexpected(new CompletionException(pg("57P01")), null);
        assertEquals(503, outage.getStatus());
        assertEquals(Integer.toString(ProblemMappers.DATABASE_RETRY_AFTER_SECONDS),
                String.valueOf(outage.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        JsonNode body = new ObjectMapper().readTree((String) outage.getEntity());
        assertTrue(body.get("type").asText().endsWith("database-unavailable"), body.toString());
        assertFalse(body.has("errorId"), body.toString());

        Response bug = mappers.unexpected(new IllegalStateException("a bug"), null);
        assertEquals(500, bug.getStatus());
        assertTrue(new ObjectMapper().readTree((String) bug.getEntity()).has("errorId"));
    }
}
