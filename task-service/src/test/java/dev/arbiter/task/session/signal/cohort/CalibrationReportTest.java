package dev.arbiter.task.session.signal.cohort;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the full calibration (1,000 honest sessions, 1,000 of each cheating kind): not a test, a
 * report, off unless asked for:
 * {@code mvn -o -q -pl task-service -am verify -Dtest=CalibrationReportTest -Dsurefire.failIfNoSpecifiedTests=false -Darbiter.calibration=true}.
 */
@Tag("calibration")
@EnabledIfSystemProperty(named = "arbiter.calibration", matches = "true")
class CalibrationReportTest {

    @Test
    void printTheConfusionMatrix() {
        CalibrationReport.main(new String[0]);
    }
}
