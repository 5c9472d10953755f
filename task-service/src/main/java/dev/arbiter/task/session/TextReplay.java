package dev.arbiter.task.session;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.Replay;
import dev.arbiter.task.session.model.Replay.Paste;
import dev.arbiter.task.session.model.Replay.Step;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds each of the workbench's fields from its {@code input} and {@code paste} events, so that
 * anyone allowed can watch how a rationale was written. Text typed in a quick run is shown as one step
 * per {@code stepMillis} (a step per keystroke would make a long rationale's replay grow with the
 * square of its length), but a paste is always a step of its own, so it shows as it happened.
 *
 * <p>An edit that does not fit the text so far (a position past its end, a deletion longer than what
 * follows) means a batch is missing or the log was changed: it is applied as near as the text allows
 * and counted, never refused, because a replay with a visible flaw is better evidence than none.
 */
public final class TextReplay {

    private TextReplay() {
    }

    /** {@code events} in log order, as {@link ClockSanity} gives them. */
    public static Replay of(List<TimedEvent> events, long stepMillis) {
        Map<String, StringBuilder> texts = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, Long> stepOpenedAt = new LinkedHashMap<>();
        List<Paste> pastes = new ArrayList<>();
        int inconsistent = 0;
        for (TimedEvent timed : events) {
            SessionEvent e = timed.event();
            boolean paste = e.type() == EventType.PASTE;
            if (!paste && e.type() != EventType.INPUT) {
                continue;
            }
            String insert = paste ? e.text() : e.ins();
            if (e.field() == null || e.pos() == null || insert == null || (!paste && e.del() == null)) {
                inconsistent++; // only a log changed behind the service's back lacks these
                continue;
            }
            StringBuilder text = texts.computeIfAbsent(e.field(), f -> new StringBuilder());
            int pos = e.pos();
            int del = paste ? 0 : e.del();
            if (pos > text.length() || pos + del > text.length()) {
                inconsistent++;
                pos = Math.min(pos, text.length());
                del = Math.min(del, text.length() - pos);
            }
            text.replace(pos, pos + del, insert);
            if (paste) {
                pastes.add(new Paste(e.field(), e.t(), insert.length(), e.source()));
            }
            List<Step> fieldSteps = steps.computeIfAbsent(e.field(), f -> new ArrayList<>());
            Long openedAt = stepOpenedAt.get(e.field());
            Step step = new Step(e.t(), text.toString());
            if (!paste && openedAt != null && e.t() - openedAt < stepMillis) {
                fieldSteps.set(fieldSteps.size() - 1, step);
            } else {
                fieldSteps.add(step);
                // a paste closes its step at once: the next keystroke starts a new one
                stepOpenedAt.put(e.field(), paste ? null : e.t());
            }
        }
        return new Replay(steps, List.copyOf(pastes), inconsistent);
    }
}
