package dev.arbiter.task.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arbiter.task.quality.KrippendorffAlpha.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example with four
     * observers, twelve units and missing values: nominal .743, ordinal .815, interval .849.
     */
    static final Double[][] RELIABILITY_DATA = {
            {1.0, 2.0, 3.0, 3.0, 2.0, 1.0, 4.0, 1.0, 2.0, null, null, null},
            {1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 4.0, 1.0, 2.0, 5.0, null, 3.0},
            {null, 3.0, 3.0, 3.0, 2.0, 3.0, 4.0, 2.0, 2.0, 5.0, 1.0, null},
            {1.0, 2.0, 3.0, 3.0, 2.0, 4.0, 4.0, 1.0, 2.0, 5.0, 1.0, null}};

    static List<List<Double>> units() {
        List<List<Double>> units = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            List<Double> values = new ArrayList<>();
            for (Double[] observer : RELIABILITY_DATA) {
                if (observer[u] != null) {
                    values.add(observer[u]);
                }
            }
            units.add(values);
        }
        return units;
    }

    @Test
    void shouldReproduceKrippendorffsWorkedExample() {
        assertEquals(0.743, KrippendorffAlpha.of(units(), Metric.NOMINAL), 0.0005);
        assertEquals(0.815, KrippendorffAlpha.of(units(), Metric.ORDINAL), 0.0005);
        assertEquals(0.849, KrippendorffAlpha.of(units(), Metric.INTERVAL), 0.0005);
    }

    @Test
    void shouldBeOneForPerfectAgreementAndUndefinedWithoutPairsOrVariation() {
        assertEquals(1.0, KrippendorffAlpha.of(List.of(List.of(1.0, 1.0), List.of(2.0, 2.0, 2.0)), Metric.ORDINAL), 1e-9);
        assertNull(KrippendorffAlpha.of(List.of(List.of(1.0), List.of(2.0)), Metric.INTERVAL));
        assertNull(KrippendorffAlpha.of(List.of(List.of(3.0, 3.0), List.of(3.0, 3.0)), Metric.INTERVAL));
    }

    @Test
    void shouldWeighTheEvidenceThereIsIntoTheQualityScore() {
        assertEquals(0.7, QualityScore.of(null, null, null), 1e-9);
        assertEquals(1.0, QualityScore.of(1.0, null, null), 1e-9);
        assertEquals((0.4 * 0.5 + 0.3 * 1.0 + 0.3 * 0.0) / 1.0, QualityScore.of(0.5, 1.0, 0.0), 1e-9);
    }
}
