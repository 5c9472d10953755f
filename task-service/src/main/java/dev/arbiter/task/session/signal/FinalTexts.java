package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session's final text by field: what was submitted, or, when nothing was (a released task), the
 * text its {@code input} and {@code paste} events leave, rebuilt as {@code TextReplay} does but without
 * its steps (only the end is needed here).
 */
final class FinalTexts {

    private FinalTexts() {
    }

    static Map<String, String> of(SessionEvidence evidence) {
        if (evidence.finalTexts() != null && !evidence.finalTexts().isEmpty()) {
            return evidence.finalTexts();
        }
        Map<String, StringBuilder> texts = new LinkedHashMap<>();
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            boolean paste = e.type() == EventType.PASTE;
            String insert = paste ? e.text() : e.ins();
            if ((!paste && e.type() != EventType.INPUT) || e.field() == null || e.pos() == null || insert == null) {
                continue;
            }
            StringBuilder text = texts.computeIfAbsent(e.field(), f -> new StringBuilder());
            int pos = Math.max(0, Math.min(e.pos(), text.length()));
            int del = paste || e.del() == null ? 0 : Math.max(0, Math.min(e.del(), text.length() - pos));
            text.replace(pos, pos + del, insert);
        }
        Map<String, String> out = new LinkedHashMap<>();
        texts.forEach((f, b) -> out.put(f, b.toString()));
        return out;
    }
}
