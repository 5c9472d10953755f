package dev.arbiter.task.session.signal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A session is {@code FLAGGED} only when signals of at least two families fired. One family alone has
 * honest explanations too often (a fast typist, a quick reader, a family laptop); two independent kinds
 * of oddity in one session rarely do, and even then a flag only holds the pay until a person decides.
 */
public final class FlagRule {

    /** Families that must fire together for a flag. */
    public static final int FAMILIES_TO_FLAG = 2;

    private FlagRule() {
    }

    public static Set<SignalFamily> firedFamilies(Collection<Signal> signals) {
        Set<SignalFamily> fired = EnumSet.noneOf(SignalFamily.class);
        for (Signal s : signals) {
            if (s.fired()) {
                fired.add(s.family());
            }
        }
        return fired;
    }

    public static boolean flagged(Collection<Signal> signals) {
        return firedFamilies(signals).size() >= FAMILIES_TO_FLAG;
    }
}
