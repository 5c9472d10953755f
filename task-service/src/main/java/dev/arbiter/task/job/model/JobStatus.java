package dev.arbiter.task.job.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * A job's lifecycle, as the {@code job.status} check constraint allows it:
 * DRAFT → PUBLISHED ⇄ PAUSED, PUBLISHED → COMPLETED once every slot holds a decided judgment, and
 * COMPLETED → PUBLISHED when a rejection reopens a slot.
 */
public enum JobStatus {
    DRAFT, PUBLISHED, PAUSED, COMPLETED;

    /** The moves a lab may ask for; completion and reopening follow from review decisions. */
    public boolean labMayMoveTo(JobStatus to) {
        return switch (to) {
            case PUBLISHED -> this == DRAFT || this == PAUSED;
            case PAUSED -> this == PUBLISHED;
            case DRAFT, COMPLETED -> false;
        };
    }

    /** The statuses from which a lab may move the job to {@code to}. */
    public static Set<JobStatus> labMovesTo(JobStatus to) {
        Set<JobStatus> from = new TreeSet<>();
        for (JobStatus s : values()) {
            if (s.labMayMoveTo(to)) {
                from.add(s);
            }
        }
        return from;
    }
}
