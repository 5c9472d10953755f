package dev.arbiter.task.session.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The finaliser's door to the signals: computes every signal of a session from its evidence with the
 * configured thresholds ({@code arbiter.signals.*}), and applies the two-family {@link FlagRule}. Each
 * signal is its own pure class; this only runs them in a fixed order and shares what two of them need
 * (which pastes are quotes, the reading time credited, this session's reading share for the reading record,
 * how deep its text refers for the reference record, how well it read before writing for the glance record). Every signal passes over the log once or twice, so the cost is linear in
 * the log's size (plus the responses' length for reading time and near copies).
 */
@ApplicationScoped
public class SignalEngine {

    private final SignalThresholds thresholds;

    /** With the calibrated defaults (tests, the calibration report). */
    public SignalEngine() {
        this(SignalThresholds.DEFAULTS);
    }

    public SignalEngine(SignalThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Inject
    public SignalEngine(SignalConfig config) {
        this(config.thresholds());
    }

    public SignalThresholds thresholds() {
        return thresholds;
    }

    public Evaluation evaluate(SessionEvidence evidence) {
        Quotes quotes = Quotes.of(evidence.responses());
        ExternalPasteShare.Result pasted = ExternalPasteShare.compute(evidence, thresholds, quotes);
        ReadingTime.Measure reading = ReadingTime.measure(evidence, thresholds);
        Signal readingTime = ReadingTime.compute(reading, evidence, thresholds);
        ReferenceReach.Reach reach = ReferenceReach.measure(evidence);
        double firstRead = reading.firstRead(thresholds);
        List<Signal> signals = List.of(
                pasted.signal(),
                TextWithoutTyping.compute(evidence, thresholds),
                InhumanTyping.compute(evidence, thresholds),
                readingTime,
                WroteBeforeReading.compute(reading, evidence, thresholds),
                BlurThenBurst.compute(evidence, thresholds, quotes),
                CopyOut.compute(evidence, thresholds),
                SharedDevice.compute(evidence, thresholds),
                NearCopy.compute(evidence, thresholds),
                UngroundedRationale.compute(evidence, thresholds),
                SelfTemplate.compute(evidence, thresholds),
                ReadingRecord.compute(evidence, readingTime, thresholds),
                ReferenceRecord.compute(evidence, reach, thresholds),
                GlanceRecord.compute(evidence, firstRead, thresholds));
        return new Evaluation(signals, FlagRule.firedFamilies(signals), FlagRule.flagged(signals), pasted.share(), reach,
                firstRead);
    }
}
