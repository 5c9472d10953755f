package dev.arbiter.platform.problem;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database went away under the request (restarting, shutting down, the connection cut)
 * rather than a fault of the request or of our code. Such a failure is answered 503 with {@code Retry-After}: the
 * client may send the request again (every write that matters carries an idempotency key or is naturally
 * idempotent), and nobody needs an error id to hunt for a bug that is not there. Pure: reads only the cause chain.
 */
public final class DatabaseOutage {

    /** How far down the cause chain to look; wrappers (Hibernate, Mutiny, JAX-RS) add a few levels. */
    private static final int MAX_DEPTH = 16;

    private DatabaseOutage() {
    }

    /** True when this failure, or one of its causes, is the database being unreachable or going down. */
    public static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            // SocketException: the connection reset by the server going down under a query (seen in bench chaos)
            if (t instanceof ClosedConnectionException || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof DatabaseException db && isOutageState(db.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now);
     * not 57014 (a cancelled statement, which is ours to explain).
     */
    static boolean isOutageState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || "57P01".equals(sqlState) || "57P02".equals(sqlState)
                || "57P03".equals(sqlState);
    }
}
