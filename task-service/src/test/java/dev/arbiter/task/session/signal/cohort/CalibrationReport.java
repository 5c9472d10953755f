package dev.arbiter.task.session.signal.cohort;

import dev.arbiter.task.session.signal.SignalEngine;

/**
 * Prints the calibration's confusion matrix: 1,000 honest sessions and 1,000 of each kind of cheating
 * by default ({@code args}: honest, per cheat, seed), evaluated with the default thresholds. Run by
 * {@code CalibrationReportTest} (see task-service README, "Signals and the flag"), or as a plain
 * {@code main} on the test classpath.
 */
public final class CalibrationReport {

    public static final long SEED = 20261130L;

    private CalibrationReport() {
    }

    public static void main(String[] args) {
        int honest = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int perCheat = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        SignalEngine engine = new SignalEngine();
        // a first pass the JIT learns on, not timed in the report
        Calibration.run(seed + 1, 100, 100, engine);
        Calibration.Report report = Calibration.run(seed, honest, perCheat, engine);
        System.out.printf("Signals calibration: %d honest sessions, %d of each cheating kind, seed %d, default thresholds%n%n",
                honest, perCheat, seed);
        report.print(System.out);
    }
}
