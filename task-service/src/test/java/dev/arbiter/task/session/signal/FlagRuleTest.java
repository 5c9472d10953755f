package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlagRuleTest {

    static Signal signal(SignalFamily family, boolean fired) {
        return new Signal("s", family, 0, 0, Signal.Direction.AT_LEAST, fired, "", List.of());
    }

    /** Fired signals as family initials (P input provenance, A attention, I identity and content); lower case: did not fire. */
    @ParameterizedTest(name = "{0} → flagged {1}")
    @CsvSource({
            "'', false",
            "pai, false",
            "P, false",
            "PP, false",
            "AAai, false",
            "Ip, false",
            "PA, true",
            "PI, true",
            "AI, true",
            "PPAa, true",
            "PAI, true"})
    void shouldFlagOnlyWhenTwoFamiliesFired(String fired, boolean flagged) {
        List<Signal> signals = new ArrayList<>();
        Set<SignalFamily> expected = EnumSet.noneOf(SignalFamily.class);
        for (char c : fired.toCharArray()) {
            SignalFamily f = switch (Character.toUpperCase(c)) {
                case 'P' -> SignalFamily.INPUT_PROVENANCE;
                case 'A' -> SignalFamily.ATTENTION;
                default -> SignalFamily.IDENTITY_CONTENT;
            };
            boolean on = Character.isUpperCase(c);
            signals.add(signal(f, on));
            if (on) {
                expected.add(f);
            }
        }
        assertEquals(flagged, FlagRule.flagged(signals));
        assertEquals(expected, FlagRule.firedFamilies(signals));
    }
}
