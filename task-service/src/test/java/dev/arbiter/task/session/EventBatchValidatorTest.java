package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.session.EventBatchValidator.Limits;
import dev.arbiter.task.session.EventBatchValidator.Result;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventBatchValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Limits LIMITS = new Limits(500, 20_000, 20_000, 100_000);
    static final WorkbenchFields JUDGMENT = WorkbenchFields.judgment(List.of("accuracy", "clarity"));
    static final String TYPES = "must be one of focus, blur, view, input, key, paste, copy, idle, active, submit";
    static final String FIELDS = "must be one of rationale.accuracy, rationale.clarity, critique.<n>.comment, "
            + "critique.<n>.quote (n from 0 to 59), overall";

    @Test
    void shouldTakeEveryEventTypeOfTheContract() {
        Result r = check("{\"seq\":0,\"events\":["
                + "{\"t\":0,\"type\":\"focus\"},{\"t\":1,\"type\":\"blur\"},{\"t\":2,\"type\":\"idle\"},"
                + "{\"t\":3,\"type\":\"active\"},{\"t\":4,\"type\":\"view\",\"label\":\"B\",\"from\":0,\"to\":0.25},"
                + "{\"t\":5,\"type\":\"input\",\"field\":\"rationale.accuracy\",\"pos\":0,\"del\":0,\"ins\":\"B\"},"
                + "{\"t\":6,\"type\":\"key\",\"field\":\"rationale.accuracy\",\"count\":3,\"intervalsMs\":[120,95]},"
                + "{\"t\":7,\"type\":\"paste\",\"field\":\"critique.0.quote\",\"pos\":0,\"text\":\"10 mg\",\"source\":\"internal\"},"
                + "{\"t\":8,\"type\":\"copy\",\"label\":\"A\",\"length\":5},{\"t\":9,\"type\":\"copy\",\"length\":2},"
                + "{\"t\":10,\"type\":\"input\",\"field\":\"overall\",\"pos\":0,\"del\":0,\"ins\":\"\"},"
                + "{\"t\":11,\"type\":\"submit\"}]}");
        assertEquals(List.of(), r.violations());
        assertEquals(0, r.batch().seq());
        assertEquals(12, r.batch().events().size());
        assertEquals(SessionEvent.view(4, "B", 0, 0.25), r.batch().events().get(4));
        assertEquals(SessionEvent.key(6, "rationale.accuracy", 3, List.of(120, 95)), r.batch().events().get(6));
        assertEquals(SessionEvent.paste(7, "critique.0.quote", 0, "10 mg", PasteSource.INTERNAL), r.batch().events().get(7));
        assertEquals(SessionEvent.copy(9, null, 2), r.batch().events().get(9));
        assertTrue(check("{\"seq\":19999,\"events\":[]}").valid(), "an empty batch is a batch");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[]                                                   | body                   | must be a JSON object {seq, events: [...]}",
            "{`events`:[]}                                        | seq                    | is required: a whole number from 0 to 19999: the batch's number in its session, 0, 1, 2…",
            "{`seq`:-1,`events`:[]}                               | seq                    | must be a whole number from 0 to 19999: the batch's number in its session, 0, 1, 2…",
            "{`seq`:20000,`events`:[]}                            | seq                    | must be a whole number from 0 to 19999: the batch's number in its session, 0, 1, 2…",
            "{`seq`:1.5,`events`:[]}                              | seq                    | must be a whole number from 0 to 19999: the batch's number in its session, 0, 1, 2…",
            "{`seq`:0}                                            | events                 | is required: an array of at most 500 events",
            "{`seq`:0,`events`:[],`session`:1}                    | session                | is not a field of a batch; its fields are seq and events",
            "{`seq`:0,`events`:[7]}                               | events[0]              | must be an object {t, type, …}",
            "{`seq`:0,`events`:[{`type`:`focus`}]}                | events[0].t            | is required: a whole number from 0 to 172800000 milliseconds since the session opened",
            "{`seq`:0,`events`:[{`t`:-5,`type`:`focus`}]}         | events[0].t            | must be a whole number from 0 to 172800000 milliseconds since the session opened",
            "{`seq`:0,`events`:[{`t`:1.5,`type`:`focus`}]}        | events[0].t            | must be a whole number from 0 to 172800000 milliseconds since the session opened",
            "{`seq`:0,`events`:[{`t`:1,`type`:`keypress`}]}       | events[0].type         | " + TYPES,
            "{`seq`:0,`events`:[{`t`:1}]}                         | events[0].type         | " + TYPES,
            "{`seq`:0,`events`:[{`t`:1,`type`:`FOCUS`}]}          | events[0].type         | " + TYPES,
            "{`seq`:0,`events`:[{`t`:1,`type`:`focus`,`url`:`x`}]} | events[0].url         | is not recorded: a focus event has only t and type",
            "{`seq`:0,`events`:[{`t`:1,`type`:`key`,`field`:`overall`,`count`:1,`intervalsMs`:[],`keys`:`ab`}]} | events[0].keys | is not a field of a key event; its fields are field, count, intervalsMs",
            "{`seq`:0,`events`:[{`t`:1,`type`:`view`,`from`:0,`to`:1}]}              | events[0].label | is required: a response label, A to F",
            "{`seq`:0,`events`:[{`t`:1,`type`:`view`,`label`:`G`,`from`:0,`to`:1}]}  | events[0].label | must be a response label, A to F",
            "{`seq`:0,`events`:[{`t`:1,`type`:`view`,`label`:`A`,`from`:-0.1,`to`:1}]} | events[0].from | must be a number from 0 to 1: a fraction of the response's length",
            "{`seq`:0,`events`:[{`t`:1,`type`:`view`,`label`:`A`,`from`:0,`to`:`1`}]}  | events[0].to  | must be a number from 0 to 1: a fraction of the response's length",
            "{`seq`:0,`events`:[{`t`:1,`type`:`view`,`label`:`A`,`from`:0.5,`to`:0.2}]} | events[0].to | must not be below from (0.5)",
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`rationale.speed`,`pos`:0,`del`:0,`ins`:`a`}]} | events[0].field | " + FIELDS,
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`critique.60.comment`,`pos`:0,`del`:0,`ins`:`a`}]} | events[0].field | " + FIELDS,
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`critique.01.quote`,`pos`:0,`del`:0,`ins`:`a`}]} | events[0].field | " + FIELDS,
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`overall`,`pos`:-1,`del`:0,`ins`:`a`}]} | events[0].pos | must be a whole number from 0 to 20000: a character position",
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`overall`,`pos`:0,`ins`:`a`}]}          | events[0].del | is required: a whole number from 0 to 20000: characters removed",
            "{`seq`:0,`events`:[{`t`:1,`type`:`input`,`field`:`overall`,`pos`:0,`del`:0,`ins`:5}]}    | events[0].ins | must be text of 0 to 20000 characters",
            "{`seq`:0,`events`:[{`t`:1,`type`:`key`,`field`:`overall`,`count`:0,`intervalsMs`:[]}]}   | events[0].count | must be a whole number from 1 to 10000: keystrokes since the last key event",
            "{`seq`:0,`events`:[{`t`:1,`type`:`key`,`field`:`overall`,`count`:1,`intervalsMs`:[5,6]}]} | events[0].intervalsMs | must be an array of at most 1 intervals (no more than count, at most 1000)",
            "{`seq`:0,`events`:[{`t`:1,`type`:`key`,`field`:`overall`,`count`:2,`intervalsMs`:[-5]}]} | events[0].intervalsMs[0] | must be a whole number from 0 to 3600000 milliseconds between keystrokes",
            "{`seq`:0,`events`:[{`t`:1,`type`:`paste`,`field`:`overall`,`pos`:0,`text`:`x`,`source`:`clipboard`}]} | events[0].source | must be one of external, internal",
            "{`seq`:0,`events`:[{`t`:1,`type`:`paste`,`field`:`overall`,`pos`:0,`text`:``,`source`:`external`}]}   | events[0].text   | must be text of 1 to 20000 characters",
            "{`seq`:0,`events`:[{`t`:1,`type`:`copy`,`length`:100001}]}             | events[0].length | must be a whole number from 0 to 100000: characters copied",
            "{`seq`:0,`events`:[{`t`:1,`type`:`copy`,`label`:`AB`,`length`:1}]}     | events[0].label  | must be a response label, A to F",
    })
    void shouldNameTheFieldAndWhatIsAllowed(String body, String field, String message) {
        Result r = check(body.replace('`', '"'));
        assertNull(r.batch());
        assertEquals(List.of(new Violation(field, message)), r.violations());
    }

    @Test
    void shouldReportEveryProblemOfTheBatchWithItsIndex() {
        Result r = check("{\"seq\":0,\"events\":[{\"t\":0,\"type\":\"focus\"},{\"t\":1,\"type\":\"nope\"},"
                + "{\"t\":2,\"type\":\"focus\"},{\"t\":-1,\"type\":\"input\",\"field\":\"overall\",\"pos\":0,\"del\":0}]}");
        assertEquals(List.of("events[1].type", "events[3].t", "events[3].ins"),
                r.violations().stream().map(Violation::field).toList());
    }

    @Test
    void shouldRefuseMoreEventsThanABatchMayHoldWithoutListingEachOne() {
        String events = IntStream.range(0, 501).mapToObj(i -> "{\"t\":" + i + ",\"type\":\"bogus\"}")
                .collect(Collectors.joining(","));
        assertEquals(List.of(new Violation("events", "must hold at most 500 events; this batch has 501")),
                check("{\"seq\":0,\"events\":[" + events + "]}").violations());
    }

    @Test
    void shouldSumUpProblemsBeyondAHundred() {
        String events = IntStream.range(0, 300).mapToObj(i -> "{\"t\":" + i + ",\"type\":\"bogus\"}")
                .collect(Collectors.joining(","));
        List<Violation> v = check("{\"seq\":0,\"events\":[" + events + "]}").violations();
        assertEquals(101, v.size());
        assertEquals(new Violation("events", "has 200 more problems like those above"), v.get(100));
    }

    @Test
    void shouldAllowOnlyReviewFieldsInAReviewSession() {
        String input = "{\"seq\":0,\"events\":[{\"t\":1,\"type\":\"input\",\"field\":\"%s\",\"pos\":0,\"del\":0,\"ins\":\"a\"}]}";
        assertTrue(EventBatchValidator.check(json(input.formatted("strengths")), LIMITS, WorkbenchFields.review()).valid());
        assertEquals(List.of(new Violation("events[0].field", "must be one of strengths, issues")),
                EventBatchValidator.check(json(input.formatted("overall")), LIMITS, WorkbenchFields.review()).violations());
    }

    static Result check(String body) {
        return EventBatchValidator.check(json(body), LIMITS, JUDGMENT);
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
