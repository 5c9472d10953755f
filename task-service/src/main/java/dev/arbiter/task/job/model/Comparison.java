package dev.arbiter.task.job.model;

/** How a job's experts compare an item's responses. */
public enum Comparison {
    /** Exactly two responses and a preference strength. */
    PAIRWISE(2),
    /** Two to six responses in a full ranking. */
    RANK(6);

    private final int maxResponses;

    Comparison(int maxResponses) {
        this.maxResponses = maxResponses;
    }

    public int minResponses() {
        return 2;
    }

    public int maxResponses() {
        return maxResponses;
    }
}
