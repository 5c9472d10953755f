package dev.arbiter.task.claim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The order in which one task shows an item's responses: shuffled, reproducibly from the task id,
 * so that position never hints at the model and two experts rarely see the same order.
 */
public final class ResponseShuffle {

    private ResponseShuffle() {
    }

    public static List<String> orderFor(UUID taskId, List<String> responseIds) {
        List<String> order = new ArrayList<>(responseIds);
        Collections.shuffle(order, new Random(taskId.getMostSignificantBits() ^ taskId.getLeastSignificantBits()));
        return order;
    }

    /** A, B, C… for positions 0, 1, 2… */
    public static String label(int position) {
        return String.valueOf((char) ('A' + position));
    }

    public static int position(String label) {
        return label != null && label.length() == 1 ? label.charAt(0) - 'A' : -1;
    }
}
