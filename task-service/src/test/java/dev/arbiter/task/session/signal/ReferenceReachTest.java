package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceReachTest {

    /** Responses whose every word is its own ("a0 a1 …", "b0 b1 …"): a passage stands at exactly one place. */
    static final Map<String, String> RESPONSES = responses();

    static Map<String, String> responses() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("prompt", "Compare p0 p1 p2 for the reader.");
        r.put("A", words("a", 1_200));
        r.put("B", words("b", 300) + " of the a5 a6 a7 " + words("c", 500));
        return r;
    }

    static String words(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(prefix).append(i);
        }
        return b.toString();
    }

    static ReferenceReach.Reach reach(Map<String, String> texts) {
        return ReferenceReach.measure(Sessions.of(RESPONSES, texts));
    }

    record Row(String why, Map<String, String> texts, int reachWords, String label, int passages) {
    }

    @Test
    void shouldFindWhereTheDeepestPassageTheTextNamesFirstStands() {
        Row[] table = {
                new Row("a passage on A's last screen", Map.of("overall", "A says a1100 a1101 a1102, which is wrong."),
                        1_100, "A", 1),
                new Row("the deepest of several, whichever field", Map.of("overall", "A says a10 a11 a12 here.",
                        "rationale.accuracy", "But a900 a901 a902 and b200 b201 b202 too."), 900, "A", 3),
                new Row("a passage that also stands on B's first screen counts where a glance could find it",
                        Map.of("overall", "A repeats a5 a6 a7 late."), 5, "A", 1),
                new Row("function words between the terms change nothing, on either side",
                        Map.of("overall", "B has c10 and c11 of c12."), 315, "B", 1),
                new Row("the prompt is always on screen", Map.of("overall", "It answers p0 p1 p2 well."), 0, null, 1),
                new Row("two words in a row are not a passage here", Map.of("overall", "A says a1100 a1101 only."),
                        0, null, 0),
                new Row("no passage across two fields", Map.of("overall", "ends with a800 a801",
                        "rationale.accuracy", "a802 starts this"), 0, null, 0),
                new Row("nothing written", Map.of(), 0, null, 0),
        };
        for (Row row : table) {
            ReferenceReach.Reach r = reach(row.texts());
            assertEquals(row.reachWords(), r.reachWords(), row.why());
            assertEquals(row.label(), r.label(), row.why());
            assertEquals(row.passages(), r.passages(), row.why());
            assertEquals(1_200, r.longestResponseWords(), row.why() + ": the longest response, whatever the text");
        }
    }

    @Test
    void shouldTakeTheRebuiltTextWhenNothingWasSubmitted() {
        SessionEvidence e = Sessions.of(RESPONSES, Map.of(),
                dev.arbiter.task.session.model.SessionEvent.paste(1_000, "overall", 0, "see a700 a701 a702",
                        dev.arbiter.task.session.model.PasteSource.INTERNAL));
        assertEquals(700, ReferenceReach.measure(e).reachWords());
    }
}
