package dev.arbiter.task.session.signal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The finaliser's door to the signals: computes every signal of a session from its evidence with the
 * configured thresholds, and applies the two-family flag rule.
 *
 * <p>PLACEHOLDER while the signal classes are being written on their own branch: it fires nothing.
 */
@ApplicationScoped
public class SignalEngine {

    public Evaluation evaluate(SessionEvidence evidence) {
        return new Evaluation(List.of(), Set.of(), false, 0.0);
    }
}
