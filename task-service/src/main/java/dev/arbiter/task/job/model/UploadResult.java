package dev.arbiter.task.job.model;

import java.util.List;

/** {@code rejected} lists the first problems (at most 1000); {@code rejectedTotal} counts them all. */
public record UploadResult(int accepted, List<RejectedLine> rejected, int rejectedTotal) {

    public record RejectedLine(long line, String problem) {
    }
}
