package dev.arbiter.task.session.signal.cohort;

import java.util.Random;

/**
 * How one person types: intervals between keys log-normal around {@code medianMs} with spread
 * {@code sigma}, a thinking pause now and then, and typos corrected with backspace.
 */
record Typist(double medianMs, double sigma, double pauseChance, double typoChance) {

    /** People from hunt-and-peck (≈ 350 ms a key) to fast touch typists (≈ 85 ms). */
    static Typist human(Random r) {
        return new Typist(85 + r.nextDouble() * 265, 0.35 + r.nextDouble() * 0.3, 0.01 + r.nextDouble() * 0.03,
                0.01 + r.nextDouble() * 0.05);
    }

    long interval(Random r) {
        long ms = Math.round(medianMs * Math.exp(sigma * r.nextGaussian()));
        if (r.nextDouble() < pauseChance) {
            ms += 800 + r.nextInt(6_000);
        }
        return Math.max(15, ms);
    }
}
