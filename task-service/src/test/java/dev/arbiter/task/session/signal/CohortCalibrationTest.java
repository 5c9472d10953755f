package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.signal.cohort.Calibration;
import dev.arbiter.task.session.signal.cohort.CalibrationReport;
import dev.arbiter.task.session.signal.cohort.CheatKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small cohort with a fixed seed: no honest session flagged, every blatant cheat flagged. Blatant: the
 * cheats that leave signs in two families whatever the item (a model's text pasted, text filled in by a
 * script with no keystrokes, another account's rationale pasted on a shared device). The others (a
 * speed-runner typing by hand, a script faking regular keystrokes, a shared-device account retyping a
 * near copy) fire one family for sure and a second only sometimes; the two-family rule lets those
 * through by design, and the calibration report counts them.
 */
class CohortCalibrationTest {

    @Test
    void shouldFlagNoHonestSessionAndEveryBlatantCheat() {
        List<String> wrong = new ArrayList<>();
        Calibration.Report report = Calibration.run(CalibrationReport.SEED, 200, 20, new SignalEngine(), (c, ev) -> {
            boolean blatant = switch (c.kind()) {
                case HONEST, SPEED_RUN -> false;
                case SCRIPTED -> !c.variant().equals("fake regular keys");
                case SHARED_DEVICE -> c.variant().startsWith("pastes");
                case MODEL_PASTE -> true;
            };
            if (c.kind() == CheatKind.HONEST && ev.flagged() || blatant && !ev.flagged()) {
                wrong.add(c.kind() + " / " + c.variant() + ": " + ev.firedFamilies() + " " + ev.signals());
            }
        });
        report.print(System.out);
        assertEquals(List.of(), wrong);
        assertEquals(20, report.tallies().get(CheatKind.SHARED_DEVICE).signals.get(NearCopy.NAME),
                "every shared-device account's near copy fires, whether or not a second family does");
        assertTrue(report.tallies().get(CheatKind.SPEED_RUN).signals.getOrDefault(ReadingTime.NAME, 0) >= 12,
                "most speed-runners' reading time fires, though one family cannot flag them");
    }
}
