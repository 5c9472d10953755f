package dev.arbiter.qualification.question.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Starts evaluations in the background, each on its own Vert.x context (its own database session).
 * A question is dispatched right after it is stored; the sweep takes up whatever that missed: a
 * crash between storing and evaluating, an evaluation whose lease expired, an INCONCLUSIVE question
 * that is due again.
 */
@ApplicationScoped
public class EvaluationDispatcher {

    private static final Logger LOG = Logger.getLogger(EvaluationDispatcher.class);
    private static final int SWEEP_BATCH = 200;

    private final Vertx vertx;
    private final EvaluationService evaluations;

    public EvaluationDispatcher(Vertx vertx, EvaluationService evaluations) {
        this.vertx = vertx;
        this.evaluations = evaluations;
    }

    public void dispatch(UUID questionId) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> evaluations.evaluate(questionId).subscribe().with(
                status -> LOG.debugf("question %s evaluated: %s", questionId, status),
                failure -> LOG.warnf(failure, "evaluation of question %s failed; the sweep takes it up again", questionId)));
    }

    @Scheduled(every = "${arbiter.evaluation-sweep.every:15s}", delayed = "${arbiter.evaluation-sweep.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return evaluations.due(SWEEP_BATCH)
                .invoke(ids -> ids.forEach(this::dispatch))
                .onFailure().invoke(e -> LOG.warn("evaluation sweep failed", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
