package dev.arbiter.task.session.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each character of one field's text came from, tracked through every edit the way
 * {@code TextReplay} rebuilds the text itself: typed, quoted from the page, or pasted from outside.
 * Kept as runs of one origin (typing after a paste extends one run), so an edit costs the number of
 * runs, which is a few per paste, not the length of the text.
 *
 * <p>An edit that does not fit (a missing batch) is applied as near as the text allows, as the replay
 * does.
 */
final class Provenance {

    enum Origin { TYPED, QUOTED, EXTERNAL }

    /** runs in text order: origin and length (> 0) */
    private final List<Origin> origins = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private int length;

    int length() {
        return length;
    }

    /** Characters of the current text that came from {@code origin}. */
    int count(Origin origin) {
        int n = 0;
        for (int i = 0; i < origins.size(); i++) {
            if (origins.get(i) == origin) {
                n += lengths.get(i);
            }
        }
        return n;
    }

    /** At {@code pos}, {@code del} characters removed and {@code inserted} characters of {@code origin} put in. */
    void replace(int pos, int del, int inserted, Origin origin) {
        pos = Math.max(0, Math.min(pos, length));
        del = Math.max(0, Math.min(del, length - pos));
        int from = splitAt(pos);
        int to = splitAt(pos + del);
        for (int i = to - 1; i >= from; i--) {
            origins.remove(i);
            lengths.remove(i);
        }
        length -= del;
        if (inserted > 0) {
            origins.add(from, origin);
            lengths.add(from, inserted);
            length += inserted;
            mergeAround(from);
        } else if (from > 0 && from < origins.size()) {
            mergeAround(from - 1);
        }
    }

    /** Splits the run containing {@code pos} so that a run starts there; returns that run's index. */
    private int splitAt(int pos) {
        int start = 0;
        for (int i = 0; i < origins.size(); i++) {
            int len = lengths.get(i);
            if (pos == start) {
                return i;
            }
            if (pos < start + len) {
                lengths.set(i, pos - start);
                origins.add(i + 1, origins.get(i));
                lengths.add(i + 1, start + len - pos);
                return i + 1;
            }
            start += len;
        }
        return origins.size();
    }

    private void mergeAround(int i) {
        if (i + 1 < origins.size() && origins.get(i) == origins.get(i + 1)) {
            lengths.set(i, lengths.get(i) + lengths.remove(i + 1));
            origins.remove(i + 1);
        }
        if (i > 0 && origins.get(i - 1) == origins.get(i)) {
            lengths.set(i - 1, lengths.get(i - 1) + lengths.remove(i));
            origins.remove(i);
        }
    }
}
