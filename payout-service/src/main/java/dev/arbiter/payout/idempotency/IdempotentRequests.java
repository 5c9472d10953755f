package dev.arbiter.payout.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.payout.ledger.service.PayoutConfig;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.ProblemMappers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Idempotency-Key with Stripe's semantics, for every request that moves money. The key is scoped by caller,
 * method and path. The first request inserts the key's row before its work, in the work's own transaction:
 * the row is the lock (a concurrent duplicate's insert waits on it), and the answer is stored in that
 * transaction, so the effect and its answer commit together or not at all. Then the same key with the same body
 * gets the stored answer again (with {@code Idempotent-Replayed: true}); the same key with another body is
 * refused (422 {@code idempotency-key-reused}). A business rule's 4xx is an answer too: the work is rolled back
 * to a savepoint, the problem stored and replayed. A duplicate that waits longer than
 * {@code arbiter.payout.idempotency-wait} for the first gets 409 {@code request-in-progress} with Retry-After.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final Duration MINIMUM_RETENTION = Duration.ofDays(7);
    private static final String CLAIM = "insert into idempotent_request (caller_id, method, path, idempotency_key, request_hash) "
            + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing";
    private static final String FIND = "select request_hash, status, content_type, response_body, location from idempotent_request "
            + "where caller_id = ?1 and method = ?2 and path = ?3 and idempotency_key = ?4";
    private static final String ANSWER = "update idempotent_request set status = ?5, content_type = ?6, response_body = ?7, "
            + "location = ?8 where caller_id = ?1 and method = ?2 and path = ?3 and idempotency_key = ?4";

    private final ObjectMapper json;
    private final PayoutConfig config;

    public IdempotentRequests(ObjectMapper json, PayoutConfig config) {
        this.json = json;
        this.config = config;
    }

    /** A request as the key scopes it: who, which method and path, the key, and the body whose hash must match. */
    public record Request(UUID callerId, String method, String path, String key, Object body) {
    }

    /**
     * Runs {@code work} at most once per key (its answer stored with its effect), or replays the stored answer.
     * The work runs inside this method's transaction and must not open its own.
     */
    public Uni<Response> execute(Request request, Supplier<Uni<Answer>> work) {
        String hash = hash(request.body());
        return Panache.withTransaction(() -> claim(request, hash).chain(claimed -> claimed
                        ? runAndStore(request, work)
                        : replay(request, hash)))
                .onFailure(IdempotentRequests::isLockTimeout).transform(e -> ApiProblem.conflict("request-in-progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly for its answer")
                        .retryAfter(1));
    }

    private Uni<Boolean> claim(Request request, String hash) {
        long waitMillis = Math.max(1, config.idempotencyWait().toMillis());
        return Panache.getSession().chain(s -> s.createNativeQuery("select set_config('lock_timeout', ?1, true)")
                        .setParameter(1, waitMillis + "ms").getSingleResult()
                        .chain(() -> s.createNativeQuery(CLAIM)
                                .setParameter(1, request.callerId()).setParameter(2, request.method())
                                .setParameter(3, request.path()).setParameter(4, request.key()).setParameter(5, hash)
                                .executeUpdate()))
                .map(inserted -> inserted == 1);
    }

    private Uni<Response> runAndStore(Request request, Supplier<Uni<Answer>> work) {
        return statement("savepoint idempotent_work")
                .chain(() -> Uni.createFrom().<Answer>deferred(work::get))
                .chain(answer -> store(request, answer.status(), MediaType.APPLICATION_JSON, toJson(answer.body()),
                        answer.location() == null ? null : answer.location().toString()))
                .onFailure(IdempotentRequests::isClientProblem).recoverWithUni(failure -> {
                    ApiProblem problem = (ApiProblem) failure;
                    String body = ProblemMappers.toJson(problem.status(), problem.type(), problem.title(), problem.getMessage(),
                            request.path(), problem.extensions());
                    return statement("rollback to savepoint idempotent_work")
                            .chain(() -> store(request, problem.status(), ProblemMappers.PROBLEM_JSON, body, null));
                });
    }

    private Uni<Response> store(Request request, int status, String contentType, String body, String location) {
        return Panache.getSession().chain(s -> {
            var update = s.createNativeQuery(ANSWER)
                    .setParameter(1, request.callerId()).setParameter(2, request.method())
                    .setParameter(3, request.path()).setParameter(4, request.key())
                    .setParameter(5, status).setParameter(6, contentType).setParameter(7, body)
                    .setParameter(8, location == null ? "" : location);
            return update.executeUpdate();
        }).map(updated -> response(status, contentType, body, location, false));
    }

    private Uni<Response> replay(Request request, String hash) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(FIND)
                        .setParameter(1, request.callerId()).setParameter(2, request.method())
                        .setParameter(3, request.path()).setParameter(4, request.key())
                        .getResultList())
                .map(rows -> {
                    Object[] row = rows.get(0);
                    if (!hash.equals(row[0])) {
                        throw ApiProblem.unprocessable("idempotency-key-reused", "This Idempotency-Key was used with another "
                                + "request body; use a new key for a new request");
                    }
                    String location = (String) row[4];
                    return response(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                            location == null || location.isEmpty() ? null : location, true);
                });
    }

    private static Response response(int status, String contentType, String body, String location, boolean replayed) {
        Response.ResponseBuilder builder = Response.status(status).type(contentType).entity(body);
        if (location != null) {
            builder.header("Location", location);
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }

    @Scheduled(every = "${arbiter.payout.idempotency-purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() throws Throwable {
        purgeExpired();
    }

    /** Deletes answers older than the retention (never less than 7 days); how many. Blocking: a worker thread. */
    public int purgeExpired() throws Throwable {
        Duration retention = config.idempotencyRetention().compareTo(MINIMUM_RETENTION) < 0
                ? MINIMUM_RETENTION : config.idempotencyRetention();
        OffsetDateTime before = OffsetDateTime.now().minus(retention);
        int purged = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("delete from idempotent_request where created_at < ?1")
                        .setParameter(1, before).executeUpdate())));
        if (purged > 0) {
            LOG.infof("Purged %d Idempotency-Key answers older than %s", purged, retention);
        }
        return purged;
    }

    private static Uni<Integer> statement(String sql) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).executeUpdate());
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer could not be written as JSON", e);
        }
    }

    private String hash(Object body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static boolean isClientProblem(Throwable failure) {
        return failure instanceof ApiProblem problem && problem.status() >= 400 && problem.status() < 500;
    }

    /** 55P03: the wait for the first request's row (its lock) outlasted the lock timeout. */
    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "55P03".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

}
