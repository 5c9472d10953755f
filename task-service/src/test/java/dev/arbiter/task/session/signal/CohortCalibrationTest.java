package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.signal.cohort.Calibration;
import dev.arbiter.task.session.signal.cohort.CalibrationReport;
import dev.arbiter.task.session.signal.cohort.CheatKind;
import dev.arbiter.task.session.signal.cohort.CohortGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small cohort with a fixed seed: no honest session flagged, every blatant cheat flagged. Blatant: the
 * cheats that leave signs in two families whatever the item (a model's text pasted; a model's text put in
 * by a script, however it types, because the responses were copied out to the model first; another
 * account's rationale pasted on a shared device). The others (a speed-runner typing by hand, a
 * shared-device account retyping a near copy) fire one family for sure and a second only on some items or
 * through their record across sessions ({@code reading_record}, {@code glance_record}); the two-family rule lets the rest through
 * by design, and the calibration report counts them.
 */
class CohortCalibrationTest {

    @Test
    void shouldFlagNoHonestSessionAndEveryBlatantCheat() {
        List<String> wrong = new ArrayList<>();
        List<Double> honestFirstReads = new ArrayList<>();
        int[] withoutAttentionRecords = {0};
        Calibration.Report report = Calibration.run(CalibrationReport.SEED, 200, 20, new SignalEngine(), (c, ev) -> {
            if ((c.kind() == CheatKind.SPEED_RUN || c.kind() == CheatKind.SHARED_DEVICE) && FlagRule.flagged(ev.signals()
                    .stream().filter(x -> !x.name().equals(ReadingRecord.NAME) && !x.name().equals(GlanceRecord.NAME))
                    .toList())) {
                withoutAttentionRecords[0]++;
            }
            if (c.kind() == CheatKind.HONEST) {
                honestFirstReads.add(ev.firstRead());
                c.evidence().readingRecord().forEach(p -> honestFirstReads.add(p.firstRead()));
            }
            boolean blatant = switch (c.kind()) {
                case HONEST, SPEED_RUN -> false;
                case SCRIPTED -> true;
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
        assertEquals(20, report.tallies().get(CheatKind.SCRIPTED).signals.get(CopyOut.NAME),
                "every script's text came from a model the responses were copied out to");
        assertTrue(report.tallies().get(CheatKind.SPEED_RUN).signals.getOrDefault(UngroundedRationale.NAME, 0) >= 10,
                "most speed-runners' text does not refer to the responses");
        assertTrue(report.tallies().get(CheatKind.SPEED_RUN).signals.getOrDefault(ReadingTime.NAME, 0) >= 12,
                "most speed-runners' reading time fires, though one family cannot flag them");
        assertTrue(report.tallies().get(CheatKind.SPEED_RUN).signals.getOrDefault(SelfTemplate.NAME, 0) >= 3,
                "speed-runners who barely edit their template repeat their own text of other items");
        assertEquals(0, report.tallies().get(CheatKind.HONEST).signals.getOrDefault(SelfTemplate.NAME, 0),
                "honest experts have a voice and stock phrases, but write about each item");

        // reading_record: the habit across an expert's sessions, attention evidence from other sessions
        assertEquals(0, report.tallies().get(CheatKind.HONEST).signals.getOrDefault(ReadingRecord.NAME, 0),
                "honest experts read, the odd quick read and short items included");
        double honestLowest = report.tallies().get(CheatKind.HONEST).values.get(ReadingRecord.NAME).stream()
                .mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(honestLowest >= 2 * SignalThresholds.DEFAULTS.readingRecordMedian(),
                "the least-reading honest expert keeps a median share of at least twice the threshold: " + honestLowest);
        assertTrue(report.tallies().get(CheatKind.SPEED_RUN).signals.getOrDefault(ReadingRecord.NAME, 0) >= 8,
                "many speed-runners glance habitually (those who do it less often, or on short items, do not show)");
        assertTrue(report.tallies().get(CheatKind.SHARED_DEVICE).signals.getOrDefault(ReadingRecord.NAME, 0) >= 10,
                "most second accounts copy the first one's work without reading, item after item");
        int flagged = 0;
        for (CheatKind kind : List.of(CheatKind.SPEED_RUN, CheatKind.SHARED_DEVICE)) {
            flagged += report.tallies().get(kind).flagged;
        }
        // on this small cohort every session reading_record alone lifts is lifted by glance_record too (the 1,000-a-kind
        // report still counts some it alone adds); what both records say is what one session's evidence cannot
        assertTrue(withoutAttentionRecords[0] < flagged, "the attention records flag speed-runners and second accounts "
                + "that one session's evidence cannot: " + withoutAttentionRecords[0] + " without them, " + flagged
                + " with them");

        // reference_record: whether an expert's texts ever refer past the first screen of a long response
        assertEquals(0, report.tallies().get(CheatKind.HONEST).signals.getOrDefault(ReferenceRecord.NAME, 0),
                "honest experts name what they read, from anywhere in it");
        double honestLeast = report.tallies().get(CheatKind.HONEST).values.get(ReferenceRecord.NAME).stream()
                .mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(honestLeast >= 2 * SignalThresholds.DEFAULTS.referenceRecordShare(),
                "the honest expert who least often reaches past the first screen still does on at least twice the "
                        + "threshold's share of their long items: " + honestLeast);
        Calibration.Tally speed = report.tallies().get(CheatKind.SPEED_RUN);
        assertTrue(speed.signals.getOrDefault(ReferenceRecord.NAME, 0) >= 15,
                "most speed-runners' texts only know what their glances showed, item after item: "
                        + speed.signals.getOrDefault(ReferenceRecord.NAME, 0));
        for (CheatKind kind : List.of(CheatKind.MODEL_PASTE, CheatKind.SCRIPTED, CheatKind.SHARED_DEVICE)) {
            assertEquals(0, report.tallies().get(kind).signals.getOrDefault(ReferenceRecord.NAME, 0),
                    kind + ": their texts came from someone (or a model) who had the whole responses");
        }
        assertTrue(speed.flaggedWithout.get(ReferenceRecord.NAME) < speed.flagged, "it gives speed-runners whose text "
                + "names a term of the first screen a second family: " + speed.flaggedWithout.get(ReferenceRecord.NAME)
                + " without it, " + speed.flagged + " with it");

        // glance_record: the habit of writing after no more than a glance, short responses included
        assertEquals(0, report.tallies().get(CheatKind.HONEST).signals.getOrDefault(GlanceRecord.NAME, 0),
                "honest experts read at least one response before writing, the odd quick read included");
        double honestMost = report.tallies().get(CheatKind.HONEST).values.get(GlanceRecord.NAME).stream()
                .mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(honestMost <= SignalThresholds.DEFAULTS.glanceRecordShare() / 2,
                "the honest expert who most often writes after a glance does so at most half as often as the threshold: "
                        + honestMost);
        double honestQuickest = honestFirstReads.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        assertTrue(honestQuickest > SignalThresholds.DEFAULTS.glanceMaxShare(), "no honest session, earlier ones "
                + "included, is written after a glance: the quickest first read is " + honestQuickest);
        assertTrue(speed.signals.getOrDefault(GlanceRecord.NAME, 0) >= 15,
                "most speed-runners write after a glance on many of their items: "
                        + speed.signals.getOrDefault(GlanceRecord.NAME, 0));
    }

    @Test
    void shouldGiveSpeedRunnersWhoseReadingPassedTheSecondFamilyTheyLacked() {
        // twenty speed-runners are too few to hold one it alone lifts (about one in seventeen in the report): take
        // the next two hundred of the same cohort
        CohortGenerator generator = new CohortGenerator(CalibrationReport.SEED);
        SignalEngine engine = new SignalEngine();
        int flagged = 0;
        int onlyThroughIt = 0;
        for (int i = 20; i < 220; i++) {
            Evaluation ev = engine.evaluate(generator.session(CheatKind.SPEED_RUN, i).evidence());
            boolean without = FlagRule.flagged(ev.signals().stream().filter(x -> !x.name().equals(GlanceRecord.NAME)).toList());
            flagged += ev.flagged() ? 1 : 0;
            onlyThroughIt += ev.flagged() && !without ? 1 : 0;
        }
        assertTrue(onlyThroughIt >= 3, "glance_record gives speed-runners whose reading passed on short responses the "
                + "attention family they lacked: " + onlyThroughIt + " of " + flagged + " flagged only through it");
    }
}
