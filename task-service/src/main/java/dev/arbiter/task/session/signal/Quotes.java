package dev.arbiter.task.session.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether pasted text is a quote from the page: it must occur, whitespace aside, in one of the
 * texts the expert was shown (a response or the prompt). The browser's {@code source: internal} is a
 * claim anyone can forge, so it is never trusted alone; and text that does occur in a response is a
 * quote whatever the browser said (copied from the same response opened elsewhere), because quoting is
 * allowed and what matters is where the words came from. The responses are normalised only when a
 * paste asks, once per session.
 */
public final class Quotes {

    private final Map<String, String> responses;
    private List<String> normalised;

    private Quotes(Map<String, String> responses) {
        this.responses = responses == null ? Map.of() : responses;
    }

    public static Quotes of(Map<String, String> responses) {
        return new Quotes(responses);
    }

    /** True when {@code pasted} (at least one non-blank character) occurs in a response or the prompt. */
    public boolean isQuote(String pasted) {
        String needle = normalise(pasted);
        if (needle.isEmpty()) {
            return false;
        }
        if (normalised == null) {
            normalised = new ArrayList<>(responses.size());
            responses.values().forEach(r -> normalised.add(normalise(r)));
        }
        for (String r : normalised) {
            if (r.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** Runs of whitespace as one space, none at either end: a quote re-wrapped by the editor is still the quote. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
